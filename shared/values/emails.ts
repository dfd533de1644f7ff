/**
 * A practical email check: what LinkedIn's `X@X.X` rule accepts, minus what is plainly not an
 * address (spaces, two @, a missing dot in the domain, a trailing dot). Not RFC 5322: quoted
 * local parts and IP-literal domains do not occur in ATS exports.
 */
const LOCAL = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*";
const LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';
const TLD = '(?:[\\p{L}]{2,63}|xn--[a-z0-9-]{1,59})';
const EMAIL = new RegExp(`^${LOCAL}@(?:${LABEL}\\.)+${TLD}$`, 'u');

/** The ASCII subset of EMAIL: most addresses, decided without the slower Unicode classes. */
const ASCII_EMAIL = /^[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export function isEmail(text: string): boolean {
  return text.length <= 254 && (ASCII_EMAIL.test(text) || EMAIL.test(text));
}

/** Separators accepted between addresses in one cell. */
const LIST_SEPARATOR = /[;,\s]+/;
const HAS_SEPARATOR = /[;,\s]/;

/** Splits an email-list cell on ";", "," or whitespace; blanks dropped, exact duplicates removed. */
export function splitEmailList(text: string): string[] {
  if (!HAS_SEPARATOR.test(text)) return text === '' ? [] : [text];
  const out: string[] = [];
  for (const part of text.split(LIST_SEPARATOR)) {
    if (part !== '' && !out.includes(part)) out.push(part);
  }
  return out;
}

/** The canonical stored form of an email list (a cell holds one string). */
export function joinEmailList(addresses: readonly string[]): string {
  return addresses.join(';');
}

/** Email lists as the API wants them: an array. Accepts the stored form or a raw cell. */
export function emailListOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (typeof value !== 'string') return [];
  return splitEmailList(value.trim());
}

const DISPLAY_NAME = /^[^<>]*<([^<>\s]+)>$/;
const OTHER_SEPARATORS = /[|/]+/;

/**
 * A machine fix for a text that is not an address but holds some:
 * "Ann Lee <ann@x.com>" → ["ann@x.com"]; "a@x.com|b@y.com" → ["a@x.com", "b@y.com"].
 * Null when no confident repair exists.
 */
export function repairEmails(text: string): string[] | null {
  const named = DISPLAY_NAME.exec(text.trim());
  if (named && isEmail(named[1])) return [named[1]];
  if ((text.match(/@/g) ?? []).length > 1) {
    const parts = text.split(OTHER_SEPARATORS).map((p) => p.trim()).filter((p) => p !== '');
    if (parts.length > 1 && parts.every(isEmail)) return parts;
  }
  return null;
}
