/**
 * The sync log stores exchanges with secrets already redacted; an export scrubs them again,
 * because a workbook travels further than the workspace and a missed token cannot be recalled.
 */
export const REDACTED = '[redacted]';

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-client-secret',
  'x-li-client-secret',
]);

const SECRET_NAMES = 'client_secret|clientSecret|access_token|accessToken|refresh_token|refreshToken|id_token|password|secret|api_key|apiKey';

const PATTERNS: [RegExp, string][] = [
  // Authorization: Bearer <token>, Basic <base64>
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED}`],
  // "Authorization: ..." written as a text line
  [/\b((?:proxy-)?authorization\s*[:=]\s*)[^\r\n"]+/gi, `$1${REDACTED}`],
  // JSON: "client_secret": "…"
  [new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'g'), `$1"${REDACTED}"`],
  // form or query: client_secret=…
  [new RegExp(`(^|[?&\\s;,])((?:${SECRET_NAMES})=)[^&\\s"';,]*`, 'g'), `$1$2${REDACTED}`],
];

/** One pass that finds no hint of a secret spares the four patterns below (bodies run to megabytes). */
const HINT = /secret|token|password|api_?key|authorization|bearer|basic/i;

export function redactText(text: string): string {
  if (!HINT.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Stored headers (a JSON object, a list of [name, value] pairs or of {name, value}) as
 * "Name: value" lines with secret headers blanked. Anything else is scrubbed as text.
 */
export function redactHeaders(stored: string | null): string {
  if (!stored) return '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return redactText(stored);
  }
  const pairs = headerPairs(parsed);
  if (!pairs) return redactText(stored);
  return pairs
    .map(([name, value]) => `${name}: ${SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : redactText(value)}`)
    .join('\n');
}

function headerPairs(parsed: unknown): [string, string][] | null {
  if (Array.isArray(parsed)) {
    const pairs: [string, string][] = [];
    for (const item of parsed) {
      if (Array.isArray(item) && item.length >= 2) pairs.push([String(item[0]), String(item[1])]);
      else if (item && typeof item === 'object' && 'name' in item) {
        const { name, value } = item as { name: unknown; value?: unknown };
        pairs.push([String(name), String(value ?? '')]);
      } else return null;
    }
    return pairs;
  }
  if (parsed && typeof parsed === 'object') {
    return Object.entries(parsed as Record<string, unknown>).map(([k, v]) => [
      k,
      Array.isArray(v) ? v.map(String).join(', ') : String(v ?? ''),
    ]);
  }
  return null;
}
