import { hash } from 'node:crypto';
import { isPortableHash, payloadHash } from '../../../shared/payload/hash';
import type { BuiltPayload } from '../../../shared/payload/elements';

/**
 * The sync's payload hash: SHA-1 in native code, as 22 base64 characters (132 bits). Measured on a
 * candidate's ~400 characters, 0.9 µs against 2.3 µs for the portable cyrb53 in JS, which runs
 * once per record on the thread that keeps the requests flowing.
 */
export function nativePayloadHash(text: string): string {
  return hash('sha1', text, 'base64').slice(0, 22);
}

/**
 * Whether a stored sync hash is this payload's: the native hash, or (for hashes stored before the
 * sync hashed natively) the portable one, so an upgrade does not resend every record once.
 */
export function storedHashMatches(stored: string | null, payload: BuiltPayload): boolean {
  if (stored === null) return false;
  if (stored === payload.hash) return true;
  return isPortableHash(stored) && stored === payloadHash(payload.hashText);
}
