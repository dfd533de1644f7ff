import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { changeCase, collapseWhitespace, trim } from '../../../shared/transforms';

describe('trim', () => {
  it('removes spaces, tabs, non-breaking and zero-width spaces at both ends', () => {
    expect(trim('  Anna\u00a0')).toEqual({ ok: true, value: 'Anna' });
    expect(trim('\u200b\tBen \n')).toEqual({ ok: true, value: 'Ben' });
  });

  it('keeps inner spaces', () => {
    expect(trim(' Mary  Ann ')).toEqual({ ok: true, value: 'Mary  Ann' });
  });

  it('turns a cell of spaces into an empty cell', () => {
    expect(trim('   ')).toEqual({ ok: true, value: null });
  });

  it('leaves numbers, booleans and empty cells alone', () => {
    expect(trim(42)).toEqual({ ok: true, value: 42 });
    expect(trim(true)).toEqual({ ok: true, value: true });
    expect(trim(null)).toEqual({ ok: true, value: null });
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const once = trim(s);
        if (!once.ok) return false;
        const twice = trim(once.value);
        return twice.ok && twice.value === once.value;
      }),
    );
  });
});

describe('collapse whitespace', () => {
  it('turns runs of spaces, tabs and line breaks into one space and trims the ends', () => {
    expect(collapseWhitespace('  New \t York\n\nCity  ')).toEqual({ ok: true, value: 'New York City' });
  });

  it('never leaves two spaces in a row', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = collapseWhitespace(s);
        return r.ok && (r.value === null || (typeof r.value === 'string' && !/\s\s/.test(r.value)));
      }),
    );
  });
});

describe('change case', () => {
  it('upper-cases and lower-cases', () => {
    expect(changeCase('Listed', 'upper')).toEqual({ ok: true, value: 'LISTED' });
    expect(changeCase('CLOSED', 'lower')).toEqual({ ok: true, value: 'closed' });
  });

  it('title-cases words after spaces and hyphens but not after apostrophes', () => {
    expect(changeCase("SAINT-ÉTIENNE o'brien don't", 'title')).toEqual({ ok: true, value: "Saint-Étienne O'brien Don't" });
  });

  it('sentence-cases each sentence', () => {
    expect(changeCase('GREAT CANDIDATE. CALL BACK! maybe', 'sentence')).toEqual({
      ok: true,
      value: 'Great candidate. Call back! Maybe',
    });
  });

  it('leaves non-text cells alone', () => {
    expect(changeCase(1700000000000, 'upper')).toEqual({ ok: true, value: 1700000000000 });
  });
});
