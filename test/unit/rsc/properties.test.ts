import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CellValue, Category, FieldValues } from '../../../shared/domain';
import { CATEGORIES } from '../../../shared/domain';
import { checkRecord } from '../../../shared/rsc/check';
import { fieldsOf } from '../../../shared/rsc/fields';
import { keyOfNormalized } from '../../../electron/core/compliance/record-index';
import { recordKey } from '../../../shared/rsc/keys';
import { NOW, validRecord } from './fixtures';

const ctx = { now: NOW };
const cell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.string(),
  fc.constantFrom('', ' ', 'urn:li:organization:1', '2025-03-04', '03/04/2025', 'Q3', 'a@b.co; c@d.io', 'Not Available', 'Austin, TX'),
  fc.double({ noNaN: false }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const category = fc.constantFrom<Category>(...CATEGORIES);

/** A record of a category with some fields replaced by arbitrary cells. */
const messyRecord = category.chain((c) =>
  fc
    .dictionary(fc.constantFrom(...fieldsOf(c).map((f) => f.name)), cell, { maxKeys: 6 })
    .map((patch) => ({ category: c, values: { ...validRecord(c), ...patch } as FieldValues })),
);

describe('checking any record', () => {
  it('never throws, and every issue names a rule, a field of the record and a message', () => {
    fc.assert(fc.property(messyRecord, ({ category: c, values }) => {
      const { issues } = checkRecord(c, values, ctx);
      for (const i of issues) {
        expect(i.rule).toMatch(/^[a-z-]+$/);
        expect(fieldsOf(c).some((f) => f.name === i.field)).toBe(true);
        expect(i.message.length).toBeGreaterThan(10);
      }
    }), { numRuns: 500 });
  });

  it('finds the same problems when values carry surrounding spaces', () => {
    fc.assert(fc.property(messyRecord, fc.constantFrom(' ', '  ', '\t'), ({ category: c, values }, pad) => {
      const padded = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? `${pad}${v}${pad}` : v]));
      const strip = (r: ReturnType<typeof checkRecord>) => r.issues.map((i) => `${i.rule}:${i.field}:${i.severity}`);
      expect(strip(checkRecord(c, padded, ctx))).toEqual(strip(checkRecord(c, values, ctx)));
    }), { numRuns: 300 });
  });

  it('is idempotent: checking the normalized values changes nothing more and finds the same issues', () => {
    fc.assert(fc.property(messyRecord, ({ category: c, values }) => {
      const first = checkRecord(c, values, ctx);
      const second = checkRecord(c, first.normalized, ctx);
      expect(second.normalized).toEqual(first.normalized);
      expect(second.issues.map((i) => i.rule)).toEqual(first.issues.map((i) => i.rule));
    }), { numRuns: 300 });
  });

  it('resolves an issue by applying the fix it offers', () => {
    fc.assert(fc.property(messyRecord, ({ category: c, values }) => {
      const { issues } = checkRecord(c, values, ctx);
      for (const i of issues.filter((x) => x.fix)) {
        const after = checkRecord(c, { ...values, [i.fix!.field]: i.fix!.value }, ctx);
        expect(after.issues.some((x) => x.rule === i.rule && x.field === i.field), `${i.rule} ${JSON.stringify(i.fix)}`).toBe(false);
      }
    }), { numRuns: 500 });
  });

  it('gives the normalized values the key the importer computes from the raw ones', () => {
    fc.assert(fc.property(messyRecord, ({ category: c, values }) => {
      const { normalized } = checkRecord(c, values, ctx);
      const raw = recordKey(c, values);
      if (raw !== null) expect(keyOfNormalized(c, normalized)).toBe(raw);
    }), { numRuns: 500 });
  });
});
