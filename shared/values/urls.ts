/**
 * An absolute http(s) URL with a host, as LinkedIn needs for apply and profile links.
 * A regex rather than `new URL()`: it is called for every record of every check, and `URL`
 * accepts things LinkedIn does not (spaces in the path get encoded silently, "http:x").
 */
const HTTP_URL = /^https?:\/\/(?:[^\s/?#@:]+(?::[^\s/?#@]*)?@)?(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)*[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?::\d{1,5})?(?:[/?#][^\s]*)?$/iu;
const NEEDS_DOT = /^https?:\/\/(?:[^/?#@]*@)?(?:localhost|[^/?#]*\.[^/?#]*)(?:[:/?#]|$)/i;

/** The common ASCII case of HTTP_URL ∧ NEEDS_DOT, decided without the slower Unicode classes. */
const ASCII_HTTP_URL = /^https?:\/\/(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?::\d{1,5})?(?:[/?#][^\s]*)?$/i;

export function isHttpUrl(text: string): boolean {
  return ASCII_HTTP_URL.test(text) || (HTTP_URL.test(text) && NEEDS_DOT.test(text));
}

const BARE_HOST = /^(?:www\.)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?:[/?#]\S*)?$/u;

/** A repaired URL when the fix is certain: a missing scheme, or spaces that must be %20. Else null. */
export function repairUrl(text: string): string | null {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(text) && BARE_HOST.test(text)) {
    const fixed = `https://${text}`;
    return isHttpUrl(fixed) ? fixed : null;
  }
  if (/^https?:\/\//i.test(text) && /\s/.test(text)) {
    const fixed = text.replace(/\s/g, '%20');
    return isHttpUrl(fixed) ? fixed : null;
  }
  return null;
}
