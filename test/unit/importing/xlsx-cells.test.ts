import { describe, expect, it } from 'vitest';
import { convertObjectCell, isDateFormat, resolveHyperlink } from '../../../electron/core/importing/reading/xlsx-cells';

const ctx = (numFmt?: string) => ({ numFmt: () => numFmt, date1904: false });

describe('exceljs cell objects', () => {
  it('turn rich text into plain text', () => {
    expect(convertObjectCell({ richText: [{ text: 'Senior ' }, { text: 'Engineer' }] }, ctx()).value).toBe('Senior Engineer');
  });

  it('use the cached result of a formula', () => {
    expect(convertObjectCell({ formula: 'A1&B1', result: 'AB' }, ctx()).value).toBe('AB');
    expect(convertObjectCell({ formula: 'A1*2', result: 42 }, ctx()).value).toBe(42);
  });

  it('read a numeric formula result in a date format as a date', () => {
    const v = convertObjectCell({ formula: 'TODAY()', result: 45838 }, ctx('yyyy-mm-dd')).value;
    expect(v).toEqual(new Date(Date.UTC(2025, 5, 30)));
  });

  it('report a formula without a saved result', () => {
    const c = convertObjectCell({ formula: 'A1' }, ctx());
    expect(c.value).toBeNull();
    expect(c.issue).toMatch(/without a saved result/);
  });

  it('turn error values into empty cells with an issue', () => {
    const c = convertObjectCell({ error: '#N/A' }, ctx());
    expect(c).toEqual({ value: null, issue: 'holds the error #N/A; imported as empty' });
  });

  it('take the target of a HYPERLINK formula', () => {
    const c = convertObjectCell({ formula: 'HYPERLINK("https://ats.example.com/p/7","View")', result: 'View' }, ctx());
    expect(c).toEqual({ value: 'View', link: 'https://ats.example.com/p/7' });
  });
});

describe('date formats', () => {
  it.each(['yyyy-mm-dd', 'dd/mm/yyyy', 'm/d/yy h:mm', '[$-409]mmm d, yyyy', 'hh:mm:ss'])('%s is a date format', (f) => {
    expect(isDateFormat(f)).toBe(true);
  });
  it.each(['General', '0.00', '#,##0', '"Days: "0', '@'])('%s is not a date format', (f) => {
    expect(isDateFormat(f)).toBe(false);
  });
});

describe('hyperlinked cells', () => {
  it('import the target when the text only labels the link', () => {
    for (const text of ['View', 'Link', 'view profile', 'Open in Greenhouse', 'Click here', null, ' ']) {
      expect(resolveHyperlink(text, 'https://ats/p/1')).toEqual({ value: 'https://ats/p/1', keepLinkBeside: false });
    }
  });

  it('keep the text when it is the value itself', () => {
    expect(resolveHyperlink('https://ats/p/1', 'https://ats/p/1').value).toBe('https://ats/p/1');
    expect(resolveHyperlink('jane@example.org', 'mailto:jane@example.org')).toEqual({ value: 'jane@example.org', keepLinkBeside: false });
  });

  it('keep a meaningful text and the target beside it', () => {
    expect(resolveHyperlink('Jane Doe', 'https://ats/p/1')).toEqual({ value: 'Jane Doe', keepLinkBeside: true });
  });

  it('drop the mailto: of an email link labelled generically', () => {
    expect(resolveHyperlink('Email', 'mailto:jane@example.org').value).toBe('jane@example.org');
  });
});
