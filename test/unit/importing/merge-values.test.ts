import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeValues } from '../../../electron/core/importing/writing/record-upsert';
import { uniqueHeaders } from '../../../electron/core/importing/reading/sheet-table';
import type { FieldValues } from '../../../shared/domain';

describe('merging a re-imported record with the consultant\'s fixes', () => {
  it('keeps a fix whose source value did not change', () => {
    const r = mergeValues('J1', { title: 'Enginer' }, { title: 'Engineer' }, { title: 'Enginer' });
    expect(r).toEqual({ values: { title: 'Engineer' }, conflicts: [], keptEdits: 1 });
  });

  it('takes a changed source value and lists the conflict with the fix it replaces', () => {
    const r = mergeValues('J1', { title: 'Enginer' }, { title: 'Engineer' }, { title: 'Senior Engineer' });
    expect(r.values).toEqual({ title: 'Senior Engineer' });
    expect(r.conflicts).toEqual([{ key: 'J1', field: 'title', edited: 'Engineer', previousSource: 'Enginer', newSource: 'Senior Engineer' }]);
  });

  it('sees no conflict when the source now says what the consultant wrote', () => {
    const r = mergeValues('J1', { title: 'Enginer' }, { title: 'Engineer' }, { title: 'Engineer' });
    expect(r).toEqual({ values: { title: 'Engineer' }, conflicts: [], keptEdits: 0 });
  });

  it('keeps fields the consultant added that the export does not have', () => {
    const r = mergeValues('J1', { title: 'A' }, { title: 'A', integrationContext: 'urn:li:organization:1' }, { title: 'B' });
    expect(r.values).toEqual({ title: 'B', integrationContext: 'urn:li:organization:1' });
    expect(r.keptEdits).toBe(1);
  });

  it('treats blank and null alike', () => {
    const r = mergeValues('J1', { title: null }, { title: '' }, { title: '  ' });
    expect(r.conflicts).toEqual([]);
  });

  it('leaves fields alone whose column the new export no longer has', () => {
    const r = mergeValues('J1', { title: 'A', location: 'Berlin' }, { title: 'A', location: 'Berlin, Germany' }, { title: 'B' });
    expect(r.values).toEqual({ title: 'B', location: 'Berlin, Germany' });
    expect(r.conflicts).toEqual([]);
    expect(r.keptEdits).toBe(1);
  });

  const value = fc.oneof(fc.constant(null), fc.string({ maxLength: 3 }), fc.integer({ min: 0, max: 3 }));
  const values = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), value) as fc.Arbitrary<FieldValues>;

  it('never loses a fix unless the source changed that field, and then reports it', () => {
    fc.assert(
      fc.property(values, values, values, (original, current, incoming) => {
        const { values: merged, conflicts } = mergeValues('k', original, current, incoming);
        const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
        const same = (a: unknown, b: unknown) => (blank(a) || blank(b) ? blank(a) && blank(b) : a === b);
        for (const f of ['a', 'b', 'c', 'd']) {
          if (!(f in incoming)) {
            expect(same(merged[f], f in current ? current[f] : original[f])).toBe(true);
            expect(conflicts.some((c) => c.field === f)).toBe(false);
          } else if (same(original[f], incoming[f])) {
            expect(same(merged[f], f in current ? current[f] : incoming[f])).toBe(true);
          } else {
            expect(same(merged[f], incoming[f])).toBe(true);
            const edited = !same(current[f], original[f]) && !same(current[f], incoming[f]);
            expect(conflicts.some((c) => c.field === f)).toBe(edited);
          }
        }
      }),
    );
  });
});

describe('unique headers', () => {
  it('are always unique and never empty, whatever the header cells', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(null), fc.constantFrom('Email', 'email', 'Column B', 'Column B (2)', ' ', 'X')), { maxLength: 12 }), (cells) => {
        const { headers } = uniqueHeaders(cells, cells.length, 'letters');
        expect(headers).toHaveLength(cells.length);
        expect(new Set(headers.map((h) => h.toLowerCase())).size).toBe(headers.length);
        for (const h of headers) expect(h.trim()).not.toBe('');
      }),
    );
  });
});
