import { describe, expect, it } from 'vitest';
import { coerceCellInput, compileReplace } from '../../../shared/transforms';
import { fieldSpec } from '../../../shared/rsc/fields';

function replacer(spec: Parameters<typeof compileReplace>[0]) {
  const c = compileReplace(spec);
  if (!c.ok) throw new Error(c.reason);
  return c.replace;
}

describe('find and replace', () => {
  it('replaces every plain occurrence, case-insensitively by default', () => {
    expect(replacer({ find: 'inc.', replace: 'Inc' })('Acme INC. and Foo inc.')).toBe('Acme Inc and Foo Inc');
  });

  it('matches case when asked', () => {
    expect(replacer({ find: 'a', replace: 'b', caseSensitive: true })('aA')).toBe('bA');
  });

  it('treats regex characters and "$" literally in a plain search', () => {
    expect(replacer({ find: '(1)', replace: '$1', caseSensitive: true })('x(1)')).toBe('x$1');
  });

  it('uses groups in a regular expression', () => {
    expect(replacer({ find: '^(\\w+), (\\w+)$', replace: '$2 $1', regex: true })('Lee, Ann')).toBe('Ann Lee');
  });

  it('only replaces whole cells when asked', () => {
    const r = replacer({ find: 'open', replace: 'LISTED', wholeCell: true });
    expect(r('Open')).toBe('LISTED');
    expect(r('Reopened')).toBe('Reopened');
  });

  it('keeps numbers numbers when the result is numeric and empties cells replaced by nothing', () => {
    expect(replacer({ find: '000$', replace: '', regex: true })(1700000000000)).toBe(1700000000);
    expect(replacer({ find: 'N/A', replace: '', wholeCell: true })('n/a')).toBeNull();
  });

  it('explains an invalid regular expression instead of running', () => {
    const c = compileReplace({ find: '([a-z', replace: '', regex: true });
    expect(c.ok).toBe(false);
    expect(c.ok ? '' : c.reason).toMatch(/^Invalid regular expression/);
  });
});

describe('typed cell input', () => {
  it('stores an emptied cell as empty', () => {
    expect(coerceCellInput(fieldSpec('candidates', 'firstName'), '  ')).toBeNull();
  });

  it('stores numbers typed into a date field as numbers', () => {
    expect(coerceCellInput(fieldSpec('candidates', 'atsCreatedAt'), '1700000000000')).toBe(1700000000000);
  });

  it('keeps text typed into other fields exactly as typed', () => {
    expect(coerceCellInput(fieldSpec('candidates', 'atsCandidateId'), ' 00123 ')).toBe(' 00123 ');
  });
});
