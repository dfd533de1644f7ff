/**
 * The payload hash stored in records.sync_hash: a record is re-sent only when this changes.
 * Pure (no node:crypto in shared/): two independent 53-bit cyrb53 lanes over the payload's
 * canonical text, computed in one pass, give 106 bits. Collisions between two versions of one
 * record are not a practical concern, and the hash is never a security boundary.
 */
export function payloadHash(text: string): string {
  let a1 = 0xdeadbeef ^ 0x5253_4331;
  let a2 = 0x41c6ce57 ^ 0x5253_4331;
  let b1 = 0xdeadbeef ^ 0x2f1d_9b07;
  let b2 = 0x41c6ce57 ^ 0x2f1d_9b07;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    a1 = Math.imul(a1 ^ ch, 2654435761);
    a2 = Math.imul(a2 ^ ch, 1597334677);
    b1 = Math.imul(b1 ^ ch, 2654435761);
    b2 = Math.imul(b2 ^ ch, 1597334677);
  }
  return hex53(a1, a2) + hex53(b1, b2);
}

function hex53(h1: number, h2: number): string {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
