import type { ExchangeDetail } from './contract/sync';

/**
 * An exchange from the log as a cURL command to run again by hand. The log never holds a secret
 * ("[redacted]" stands where one was), so the command names shell variables instead: the
 * consultant sets RSC_ACCESS_TOKEN (or RSC_CLIENT_SECRET) and nothing secret is ever copied.
 */
const REDACTED = '[redacted]';
export const TOKEN_VARIABLE = 'RSC_ACCESS_TOKEN';
export const SECRET_VARIABLE = 'RSC_CLIENT_SECRET';

/** Headers curl writes itself (a copied length would be wrong once the body is edited). */
const OWN_HEADERS = new Set(['content-length', 'host', 'connection', 'accept-encoding', 'transfer-encoding']);

const NOTES: Record<string, string> = {
  [TOKEN_VARIABLE]: `# Set ${TOKEN_VARIABLE} to an access token first (the log keeps none): export ${TOKEN_VARIABLE}=…`,
  [SECRET_VARIABLE]: `# Set ${SECRET_VARIABLE} to the client secret first (the log keeps none): export ${SECRET_VARIABLE}=…`,
};

export function curlCommand(x: Pick<ExchangeDetail, 'method' | 'url' | 'requestHeaders' | 'requestBody' | 'kind'>): string {
  const used = new Set<string>();
  const word = (text: string, variable: string) => {
    const pieces = text.split(REDACTED);
    if (pieces.length > 1) used.add(variable);
    // Literal runs single-quoted (nothing expanded), the variable double-quoted between them.
    return pieces.map((p, i) => (i > 0 ? `"\${${variable}}"` : '') + (p === '' ? '' : quote(p))).join('') || "''";
  };
  const method = x.method.toUpperCase();
  const lines = [method === 'GET' ? `curl ${quote(x.url)}` : `curl -X ${method} ${quote(x.url)}`];
  for (const [name, value] of Object.entries(x.requestHeaders)) {
    if (!OWN_HEADERS.has(name.toLowerCase())) lines.push(`-H ${word(`${name}: ${value}`, TOKEN_VARIABLE)}`);
  }
  if (x.requestBody !== null && x.requestBody !== '') {
    // The token call's form body keeps the redaction percent-encoded: "client_secret=%5Bredacted%5D".
    const body = x.kind === 'token' ? x.requestBody.split(encodeURIComponent(REDACTED)).join(REDACTED) : x.requestBody;
    lines.push(`--data-raw ${word(body, x.kind === 'token' ? SECRET_VARIABLE : TOKEN_VARIABLE)}`);
  }
  return [...[...used].map((v) => NOTES[v]), lines.join(' \\\n  ')].join('\n');
}

/** A POSIX shell single-quoted word: nothing inside is expanded; a quote is closed, escaped and reopened. */
export function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
