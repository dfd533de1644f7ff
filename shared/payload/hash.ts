/**
 * The payload hash stored in records.sync_hash: a record is re-sent only when this changes.
 * Pure (no node:crypto in shared/) and fast, since it runs once per record per sync: cyrb53, a
 * 53-bit non-cryptographic hash. It only has to tell two versions of one record apart, where a
 * collision has odds of about 1 in 2^53; it is never a security boundary.
 */
export function payloadHash(text: string): string {
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
