import fc from 'fast-check';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCsv } from '../../../electron/core/importing/reading/csv-reader';
import { CsvRowSink } from '../../../electron/core/importing/reading/csv-rows';
import { parseCsvTolerant } from '../../../electron/core/importing/reading/csv-parse-tolerant';
import type { ParsedSheet } from '../../../electron/core/importing/reading/parsed-sheet';
import type { Delimiter } from '../../../shared/contract/import';
import { tempDir } from '../../support/temp';

const MiB = 1024 * 1024;
let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function quote(field: string, delimiter: string): string {
  return field.includes('"') || field.includes(delimiter) || /[\r\n]/.test(field) || field.trim() !== field
    ? `"${field.replace(/"/g, '""')}"`
    : field;
}

function csvText(rows: string[][], delimiter: string, eol: string): string {
  return rows.map((r) => r.map((f) => quote(f, delimiter)).join(delimiter)).join(eol) + eol;
}

function rowsOf(sheet: ParsedSheet): { row: number; cells: unknown[] }[] {
  return sheet.rows.map((r) => ({ row: r.row, cells: r.cells }));
}

/** What a reader should make of `rows`: blank records dropped, empty fields null, numbered by record. */
function expected(rows: string[][]): { row: number; cells: unknown[] }[] {
  return rows
    .map((cells, i) => ({ row: i + 1, cells: cells.map((c) => (c === '' ? null : c)) }))
    .filter((r) => r.cells.some((c) => c !== null && (c as string).trim() !== ''));
}

async function tolerant(file: string, delimiter: Delimiter): Promise<ParsedSheet> {
  const sink = new CsvRowSink({ name: 'x', rows: [], links: [], issues: [], columnNames: 'numbers' }, 'x.csv', Infinity, {});
  await parseCsvTolerant(readFileSync(file), delimiter, 'x.csv', sink);
  return sink.sheet;
}

describe('the csv readers', () => {
  it('read any well-formed file alike, and as written: quotes, delimiters, line breaks, accents, emoji', async () => {
    dir = tempDir('rscw-csv-parsers-');
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '"', ',', ';', '\t', '|', '\n', '\r\n', 'ë', 'ß', '中', '😀', '0'), maxLength: 12 });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 25 }),
        fc.constantFrom<Delimiter>(',', ';', '\t', '|'),
        fc.constantFrom('\n', '\r\n'),
        async (rows, delimiter, eol) => {
          // A record of one empty field is an empty line: a blank record, not one with a field.
          const file = join(dir, `p${n++}.csv`);
          writeFileSync(file, csvText(rows, delimiter, eol));
          const fast = await readCsv(file, 'p.csv', { delimiter, encoding: 'utf-8' });
          expect(fast.parser).toBe('fast');
          expect(rowsOf(fast.sheet)).toEqual(expected(rows));
          expect(rowsOf(fast.sheet)).toEqual(rowsOf(await tolerant(file, delimiter)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a file of several megabytes whole, where the parser\'s chunks cut a character and a quoted field in two', async () => {
    dir = tempDir('rscw-csv-parsers-');
    const build = (padding: number) => {
      const rows = [['Candidate ID', 'Notes'], ['pad', 'p'.repeat(padding)]];
      for (let i = 0; rows.length < 9_000; i++) rows.push([`C${i}`, `${'ë'.repeat(120 + (i % 7))}\n"${i}" done, 中文 😀`]);
      return { rows, bytes: Buffer.from(csvText(rows, ',', '\r\n'), 'utf8') };
    };
    // Chunks are 1 MiB of bytes: the fixture is chosen so that the first boundary falls inside a
    // two-byte character and the second inside a quoted field.
    const insideQuotes = (bytes: Buffer, at: number) => (bytes.subarray(0, at).toString('latin1').split('"').length - 1) % 2 === 1;
    let fixture = build(0);
    for (let p = 1; !((fixture.bytes[MiB] & 0xc0) === 0x80 && insideQuotes(fixture.bytes, 2 * MiB)); p++) fixture = build(p);
    expect(fixture.bytes.length).toBeGreaterThan(2 * MiB);
    const file = join(dir, 'big.csv');
    writeFileSync(file, fixture.bytes);
    const read = await readCsv(file, 'big.csv');
    expect(read).toMatchObject({ format: { encoding: 'utf-8', delimiter: ',' }, parser: 'fast' });
    expect(rowsOf(read.sheet)).toEqual(expected(fixture.rows));
  });

  it('keeps a stray quote as text, as csv-parse reads it, where the fast parser would lose the rest of the file', async () => {
    dir = tempDir('rscw-csv-parsers-');
    const file = join(dir, 'stray.csv');
    writeFileSync(file, 'Job ID,Job Title,Location\n1,"Senior" Engineer,Berlin\n2,Designer,Paris\n');
    const read = await readCsv(file, 'stray.csv');
    expect(read.parser).toBe('tolerant');
    expect(rowsOf(read.sheet)).toEqual([
      { row: 1, cells: ['Job ID', 'Job Title', 'Location'] },
      { row: 2, cells: ['1', '"Senior" Engineer', 'Berlin'] },
      { row: 3, cells: ['2', 'Designer', 'Paris'] },
    ]);
  });
});
