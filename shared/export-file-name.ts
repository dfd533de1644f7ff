/**
 * Export file names a customer reads: "<workspace> audit 2026-12-07 14-30.xlsx". The name must
 * be valid on Windows, macOS and Linux whatever the workspace is called, and keep its letters
 * (accents, CJK, …) as they are.
 */

/**
 * Longest part, in bytes of UTF-8 (file systems count bytes, 255 at most for a whole name): a
 * workspace and what the file holds leave room for the date and extension.
 */
const MAX_PART_BYTES = 100;

/** Names Windows reserves for devices: a name is one when its part before the first dot is. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])\s*(\..*)?$/i;

/**
 * One part of a file name: no path separator or character Windows forbids, no control or
 * invisible formatting character (a right-to-left override could disguise the extension),
 * no dot or space at either end (Windows drops trailing ones; a leading dot hides the file).
 */
export function fileNamePart(text: string | undefined, fallback = 'workspace'): string {
  let part = (text ?? '')
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+|[\s.]+$/gu, '');
  const encoder = new TextEncoder();
  if (encoder.encode(part).length > MAX_PART_BYTES) {
    // Each character is at least a byte: the cut starts from no more than that many.
    const chars = [...part].slice(0, MAX_PART_BYTES);
    while (encoder.encode(chars.join('')).length > MAX_PART_BYTES) chars.pop();
    part = chars.join('').replace(/[\s.]+$/u, '');
  }
  if (part === '') return fallback;
  return WINDOWS_DEVICE.test(part) ? `${part.replace(/\./g, ' ')} ${fallback}` : part;
}

/** "2026-12-07 14-30" in the given zone (the workspace's), or the machine's if it is unknown. */
export function fileNameStamp(at: number, timeZone?: string): string {
  let parts: Intl.DateTimeFormatPart[];
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  };
  try {
    parts = new Intl.DateTimeFormat('en-US', { ...options, timeZone }).formatToParts(at);
  } catch {
    parts = new Intl.DateTimeFormat('en-US', options).formatToParts(at);
  }
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}-${get('minute')}`;
}

/**
 * "<workspace> <what> <stamp>.<extension>", e.g. `exportFileName('Acme', 'audit', 'xlsx', at, zone)`.
 * `what` is ours ("audit", "cleaned candidates"), and cleaned all the same.
 */
export function exportFileName(workspace: string | undefined, what: string, extension: string, at: number, timeZone?: string): string {
  return `${fileNamePart(workspace)} ${fileNamePart(what, 'export')} ${fileNameStamp(at, timeZone)}.${extension}`;
}
