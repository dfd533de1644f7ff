import { describe, expect, it } from 'vitest';
import { buildTable, detectHeaderIndex, distinctValues, rowCells, uniqueHeaders } from '../../../electron/core/importing/reading/sheet-table';
import type { ParsedSheet, RawCell } from '../../../electron/core/importing/reading/parsed-sheet';

function sheet(rows: RawCell[][], links: ParsedSheet['links'] = []): ParsedSheet {
  return { name: 'Jobs', rows: rows.map((cells, i) => ({ row: i + 1, cells })), links, issues: [], columnNames: 'letters' };
}

describe('the header row', () => {
  it('is the first row when the file starts with the headers', () => {
    const s = sheet([['Job ID', 'Job Title'], ['1', 'Engineer'], ['2', 'Designer']]);
    expect(detectHeaderIndex(s.rows)).toBe(0);
  });

  it('is found below a title row and a blank row', () => {
    const s = sheet([['Open jobs — exported 2025-06-30'], ['Job ID', 'Job Title', 'Status'], [101, 'Engineer', 'Open'], [102, 'Designer', 'Open']]);
    expect(detectHeaderIndex(s.rows)).toBe(1);
    expect(buildTable(s).headerRow).toBe(2);
  });

  it('is found below metadata rows of key/value pairs', () => {
    const s = sheet([
      ['Report', 'Candidates'],
      ['Generated', '2025-06-30'],
      ['Candidate ID', 'First Name', 'Last Name', 'Email', 'Created At'],
      [1, 'Anna', 'Berg', 'a@x.org', new Date(0)],
    ]);
    expect(detectHeaderIndex(s.rows)).toBe(2);
  });

  it('can be chosen instead of detected', () => {
    const s = sheet([['A', 'B'], ['Job ID', 'Job Title'], ['1', 'x']]);
    expect(buildTable(s, 2).headers).toEqual(['Job ID', 'Job Title']);
  });

  it('cannot be a row that is empty', () => {
    const s = sheet([['Job ID', 'Job Title'], ['1', 'x']]);
    expect(() => buildTable(s, 7)).toThrow(/Row 7 of "Jobs" is empty/);
  });
});

describe('header names', () => {
  it('names empty headers after their column and makes duplicates unique', () => {
    const { headers, notes } = uniqueHeaders(['Email', null, 'Email', ' email ', 'Phone'], 6, 'letters');
    expect(headers).toEqual(['Email', 'Column B', 'Email (2)', 'email (3)', 'Phone', 'Column F']);
    expect(notes).toHaveLength(4);
    expect(notes[0]).toMatch(/Column B has no header/);
    expect(notes[1]).toMatch(/"Email" appears more than once: named "Email \(2\)"/);
  });

  it('numbers columns in text files', () => {
    expect(uniqueHeaders(['a', ''], 2, 'numbers').headers).toEqual(['a', 'Column 2']);
  });
});

describe('data rows', () => {
  it('leave out a trailing total row', () => {
    const s = sheet([['Job ID', 'Openings'], ['1', 3], ['2', 4], ['Total', 7]]);
    const t = buildTable(s);
    expect(t.end - t.start).toBe(2);
    expect(t.totalRow?.row).toBe(4);
  });

  it('keep a row that only mentions a total in the middle of the data', () => {
    const s = sheet([['Job ID', 'Title'], ['Total Rewards Manager', 'x'], ['2', 'y']]);
    expect(buildTable(s).end).toBe(3);
  });

  it('get a "(link)" column for hyperlinks whose text means something else', () => {
    const s = sheet([['Candidate ID', 'Name'], ['1', 'Jane Doe'], ['2', 'John Roe']], [{ row: 2, column: 1, url: 'https://ats/p/1' }]);
    const t = buildTable(s);
    expect(t.headers).toEqual(['Candidate ID', 'Name', 'Name (link)']);
    expect(rowCells(t, 1)).toEqual(['1', 'Jane Doe', 'https://ats/p/1']);
    expect(rowCells(t, 2)).toEqual(['2', 'John Roe']);
    // Building again (another header row choice) does not add the column twice.
    expect(buildTable(s).headers).toHaveLength(3);
  });

  it('have their distinct values counted per column', () => {
    const s = sheet([['Status'], ['Open'], ['Open'], ['Closed'], [null]]);
    expect(distinctValues(buildTable(s))[0]).toEqual([
      { value: 'Open', count: 2 },
      { value: 'Closed', count: 1 },
    ]);
  });
});
