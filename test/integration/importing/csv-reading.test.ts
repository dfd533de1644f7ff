import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importIntoWorkspace } from '../../../electron/core/importing/import-into-workspace';
import { record, records, testWorkspace } from './support';
import type { TextEncoding } from '../../../shared/contract/import';

const ROWS = [
  ['Candidate ID', 'First Name', 'Last Name', 'Email', 'Created At', 'Notes'],
  ['C1', 'Zoë', 'Müller', 'zoe@example.org', '2025-03-04T09:30:00Z', 'Says "hello", twice'],
  ['C2', 'José', 'Núñez', 'jose@example.org', '2025-03-05', 'Line one\nline two'],
  ['C3', 'Ærin', "O'Brien", 'aerin@example.org', '2025-03-06', ''],
];

function csv(delimiter: string, eol = '\r\n', rows = ROWS): string {
  const quote = (v: string) => (/[",;\t|\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(quote).join(delimiter)).join(eol) + eol;
}

function encode(text: string, encoding: TextEncoding | 'utf-8-bom'): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return iconv.encode(text, 'utf-16be', { addBOM: true });
    case 'windows-1252':
      return iconv.encode(text, 'windows-1252');
  }
}

function expectCandidates(ws: ReturnType<typeof testWorkspace>) {
  const all = records(ws.db, 'candidates');
  expect(all.map((r) => r.key)).toEqual(['C1', 'C2', 'C3']);
  expect(record(ws.db, 'candidates', 'C1').values).toMatchObject({ firstName: 'Zoë', lastName: 'Müller', emailAddresses: 'zoe@example.org' });
  expect(record(ws.db, 'candidates', 'C1').source.Notes).toBe('Says "hello", twice');
  expect(record(ws.db, 'candidates', 'C2').values).toMatchObject({ firstName: 'José', lastName: 'Núñez' });
  expect(record(ws.db, 'candidates', 'C2').source.Notes).toBe('Line one\nline two');
  expect(record(ws.db, 'candidates', 'C3').values).toMatchObject({ firstName: 'Ærin', lastName: "O'Brien" });
}

describe('importing csv, tsv and txt exports', () => {
  it.each([
    ['utf-8', 'utf-8', false],
    ['utf-8-bom', 'utf-8', true],
    ['utf-16le', 'utf-16le', true],
    ['utf-16be', 'utf-16be', true],
    ['windows-1252', 'windows-1252', false],
  ] as const)('reads %s text and reports its encoding', async (written, detected, bom) => {
    const w = testWorkspace();
    const file = join(w.dir, 'candidates.csv');
    writeFileSync(file, encode(csv(','), written));
    const summary = await importIntoWorkspace(w.db, { path: file });
    expect(summary.file.text).toEqual({ encoding: detected, bom, delimiter: ',' });
    expect(summary.sheets[0]).toMatchObject({ sheet: 'candidates', category: 'candidates', rows: 3, added: 3 });
    expectCandidates(w);
  });

  it.each([
    [',', 'export.csv'],
    [';', 'export.csv'],
    ['\t', 'export.tsv'],
    ['|', 'export.txt'],
  ])('detects %j as the delimiter, with quoted fields holding delimiters and line breaks', async (delimiter, name) => {
    const w = testWorkspace();
    const file = join(w.dir, name);
    writeFileSync(file, csv(delimiter, '\n'));
    const summary = await importIntoWorkspace(w.db, { path: file });
    expect(summary.file.text?.delimiter).toBe(delimiter);
    expectCandidates(w);
  });

  it('reads the encoding the consultant chose instead of the detected one', async () => {
    const w = testWorkspace();
    const file = join(w.dir, 'latin.csv');
    // "Ã©" in Windows-1252 is the bytes C3 A9, which are also valid UTF-8 (for "é"): detection cannot know.
    writeFileSync(file, iconv.encode('Job ID,Job Title\n1,CafÃ© manager\n', 'windows-1252'));
    const detected = await importIntoWorkspace(w.db, { path: file });
    expect(detected.file.text?.encoding).toBe('utf-8');
    expect(record(w.db, 'jobs', '1').values.title).toBe('Café manager');
    const chosen = await importIntoWorkspace(w.db, { path: file, encoding: 'windows-1252' });
    expect(chosen.file.text?.encoding).toBe('windows-1252');
    expect(record(w.db, 'jobs', '1').values.title).toBe('CafÃ© manager');
  });

  it('reads the delimiter the consultant chose instead of the detected one', async () => {
    const w = testWorkspace();
    const file = join(w.dir, 'mixed.csv');
    writeFileSync(file, 'Job ID;Job Title,Location\n1;Dev,Berlin\n2;Ops,Paris\n');
    const summary = await importIntoWorkspace(w.db, { path: file, delimiter: ';', category: 'jobs' });
    expect(summary.file.text?.delimiter).toBe(';');
    expect(record(w.db, 'jobs', '1').source).toEqual({ 'Job ID': '1', 'Job Title,Location': 'Dev,Berlin' });
  });

  it('finds the header below title rows and blank lines, and skips blank rows and a total row', async () => {
    const w = testWorkspace();
    const file = join(w.dir, 'jobs.csv');
    writeFileSync(
      file,
      [
        'ACME Corp — open requisitions,,,',
        'Exported 2025-06-30,,,',
        ',,,',
        'Requisition ID,Posting Title,Status,Openings',
        'R-1,Engineer,Open,2',
        ',,,',
        'R-2,Designer,Closed,1',
        '',
        'Total,,,3',
        '',
      ].join('\r\n'),
    );
    const summary = await importIntoWorkspace(w.db, { path: file });
    expect(summary.sheets[0]).toMatchObject({ headerRow: 4, rows: 3, added: 2, skipped: 1, skippedReasons: { 'Total row': 1 } });
    expect(records(w.db, 'jobs').map((r) => [r.key, r.values.state, r.sourceRow])).toEqual([
      ['R-1', 'LISTED', 5],
      ['R-2', 'CLOSED', 7],
    ]);
  });

  it('names empty and duplicate headers and keeps unmapped columns with the record', async () => {
    const w = testWorkspace();
    const file = join(w.dir, 'jobs.csv');
    writeFileSync(file, 'Job ID,Job Title,,Job Title,Cost Center\n1,Engineer,x,Alt title,CC-9\n');
    const summary = await importIntoWorkspace(w.db, { path: file });
    const r = record(w.db, 'jobs', '1');
    expect(r.source).toEqual({ 'Job ID': '1', 'Job Title': 'Engineer', 'Column 3': 'x', 'Job Title (2)': 'Alt title', 'Cost Center': 'CC-9' });
    expect(r.values).toEqual({ externalJobPostingId: '1', title: 'Engineer' });
    expect(summary.sheets[0].mapping).toEqual({ 'Job ID': 'externalJobPostingId', 'Job Title': 'title' });
  });

  it('skips rows without a key and rows repeating a key, saying why', async () => {
    const w = testWorkspace();
    const file = join(w.dir, 'jobs.csv');
    writeFileSync(file, 'Job ID,Job Title\n1,A\n,B\n1,C\n2,D\n');
    const s = (await importIntoWorkspace(w.db, { path: file })).sheets[0];
    expect(s).toMatchObject({ rows: 4, added: 2, skipped: 2 });
    expect(s.skippedReasons).toEqual({ 'No value for the key "Job ID" (externalJobPostingId)': 1, 'Duplicate key': 1 });
    expect(s.skippedRows).toEqual([
      { row: 3, reason: 'No value for the key "Job ID" (externalJobPostingId)' },
      { row: 4, key: '1', reason: 'Duplicate key: row 2 has the same key and was kept', differences: [{ column: 'Job Title', kept: 'A', skipped: 'C' }] },
    ]);
    expect(record(w.db, 'jobs', '1').values.title).toBe('A');
  });
});
