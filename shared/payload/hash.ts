/** Hashes a payload's canonical text (BuiltPayload.hashText) for records.sync_hash. */
export type PayloadHasher = (text: string) => string;

/**
 * The portable payload hash: pure (no node:crypto in shared/), cyrb53, a 53-bit non-cryptographic
 * hash, as 14 hex digits. buildPayload's default, and how every sync_hash was made before
 * 2026-11-29; the sync now hashes natively (electron/core/syncing/payload-hasher.ts) and still
 * recognises hashes of this form. A hash only has to tell two versions of one record apart; it is
 * never a security boundary.
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

/** A hash payloadHash made (14 hex digits): the sync compares such a stored hash with payloadHash's. */
export function isPortableHash(hash: string): boolean {
  return hash.length === 14 && /^[0-9a-f]{14}$/.test(hash);
}
