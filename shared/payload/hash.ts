import { canonicalJson, type JsonValue } from './json';

/**
 * The payload hash stored in records.sync_hash: a record is re-sent only when this changes.
 * Pure (no node:crypto in shared/), so two independent 53-bit cyrb53 lanes are combined into
 * 106 bits: collisions between two versions of one record are not a practical concern, and
 * the hash is never a security boundary.
 */
export function payloadHash(value: JsonValue): string {
  const text = canonicalJson(value);
  return cyrb53(text, 0x5253_4331).toString(16).padStart(14, '0') + cyrb53(text, 0x2f1d_9b07).toString(16).padStart(14, '0');
}

function cyrb53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
