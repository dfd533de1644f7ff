import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeId } from '../../../shared/values/ids';
import { cellText, isBlank } from '../../../shared/values/text';

describe('ids as spreadsheets deliver them', () => {
  it('print whole numbers as plain digits', () => {
    expect(normalizeId(10090)).toBe('10090');
    expect(normalizeId('10090.0')).toBe('10090');
    expect(normalizeId('1.009E+4')).toBe('10090');
    expect(normalizeId(' 10090 ')).toBe('10090');
  });

  it('keep everything that is not an exact whole number as trimmed text', () => {
    expect(normalizeId('00123')).toBe('00123');
    expect(normalizeId('12.5')).toBe('12.5');
    expect(normalizeId('JOB-1')).toBe('JOB-1');
    expect(normalizeId('1.0001E+2')).toBe('1.0001E+2');
    expect(normalizeId(12.5)).toBe('12.5');
  });

  it('are null when blank or not a number at all', () => {
    for (const v of [null, '', '   ', Number.NaN, Number.POSITIVE_INFINITY]) expect(normalizeId(v as never)).toBeNull();
  });

  it('keep a TRUE/FALSE cell as text', () => {
    expect(normalizeId(true)).toBe('true');
  });

  it('read the same for any whole number, however it is written', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => {
      const expected = String(n);
      return normalizeId(n) === expected && normalizeId(`${n}`) === expected && normalizeId(`${n}.0`) === expected
        && normalizeId(` ${n}.000 `) === expected && normalizeId(n.toExponential()) === expected;
    }));
  });

  it('leave any text that does not start like a number unchanged but for surrounding spaces', () => {
    fc.assert(fc.property(fc.string({ minLength: 1 }).filter((s) => /^[^\d+\-\s]/.test(s.trim()) && s.trim() !== ''), (s) =>
      normalizeId(s) === s.trim()));
  });
});

describe('cell text', () => {
  it('is trimmed, null when blank, and prints numbers plainly', () => {
    expect(cellText('  a ')).toBe('a');
    expect(cellText('   ')).toBeNull();
    expect(cellText(null)).toBeNull();
    expect(cellText(10090)).toBe('10090');
    expect(isBlank(' ')).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map(isBlank)).toEqual([true, true, true]);
  });
});
