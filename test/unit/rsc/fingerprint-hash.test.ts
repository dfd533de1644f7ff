import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deriveStageId, fnv1a32, fnv1a32Parts } from '../../../shared/rsc/keys';

/** FNV-1a as first written: stored fingerprints and derived stage ids were made with it and must not change. */
function reference(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

describe('the FNV-1a hash behind fingerprints and stage ids', () => {
  it('gives the same hex as the original for any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => fnv1a32(text) === reference(text)), { numRuns: 2000 });
    expect(fnv1a32('')).toBe('811c9dc5');
  });

  it('hashes parts as the text they join to with U+001F, empty for null', () => {
    const part = fc.option(fc.string({ unit: 'binary' }), { nil: null });
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 4 }), (parts) => fnv1a32Parts(parts) === reference(parts.map((p) => p ?? '').join('\u001f'))),
      { numRuns: 2000 },
    );
  });

  it('keeps derived stage ids as they were', () => {
    expect(deriveStageId('A1', 'Hired', Date.UTC(2025, 2, 4))).toBe(`stg-${reference(`A1\u001fHired\u001f${Date.UTC(2025, 2, 4)}`)}`);
  });
});
