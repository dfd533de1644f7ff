import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import JSZip from 'jszip';
import { readXlsx } from '../../../electron/core/importing/reading/xlsx-reader';
import { testWorkspace, writeSheets } from './support';

const cellText = (sheet: { rows: { cells: unknown[] }[] }) => sheet.rows.flatMap((r) => r.cells);

describe('reading the parts of an xlsx archive', () => {
  it('reads a multi-sheet workbook whole on every read (the streaming unzip lost the last parts about one read in eight)', async () => {
    const w = testWorkspace();
    const sheets: Record<string, unknown[][]> = {};
    for (const name of ['Stages', 'Applications', 'Jobs', 'Candidates']) {
      sheets[name] = [['id', 'value'], ...Array.from({ length: 6 }, (_, i) => [`${name}-${i}`, 'x'.repeat(200)])];
    }
    const path = await writeSheets(join(w.dir, 'four-sheets.xlsx'), sheets);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < 150; i++) {
      let outcome: string;
      try {
        const read = await readXlsx(path, 'four-sheets.xlsx');
        outcome = read.sheets.map((s) => `${s.name}:${s.rows.length}`).join(' ');
      } catch (err) {
        outcome = err instanceof Error ? err.message : String(err);
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect(Object.fromEntries(outcomes)).toEqual({ 'Stages:7 Applications:7 Jobs:7 Candidates:7': 150 });
  });

  it('keeps every non-ASCII character whole where the XML is split between two chunks', async () => {
    const w = testWorkspace();
    const rows = Array.from({ length: 20_000 }, (_, i) => [`Müller-${i}-${'ä'.repeat(i % 7)}`, `Zoë ${'€'.repeat(i % 3)}${'名'.repeat(i % 2)} ${i}`]);
    const path = await writeSheets(join(w.dir, 'umlauts.xlsx'), { Names: [['Name', 'Note'], ...rows] });
    const read = await readXlsx(path, 'umlauts.xlsx');
    const cells = cellText(read.sheets[0]);
    expect(cells.filter((c) => typeof c === 'string' && c.includes('\uFFFD'))).toEqual([]);
    expect(cells).toEqual(['Name', 'Note', ...rows.flat()]);
  });

  it('lists the sheets in the workbook’s tab order, not the order of their files in the archive', async () => {
    const w = testWorkspace();
    const path = await writeSheets(join(w.dir, 'ordered.xlsx'), { First: [['a'], [1]], Second: [['b'], [2]], Third: [['c'], [3]] });
    // Move the last tab to the front, as dragging it in Excel does: the sheet files keep their names.
    const zip = await JSZip.loadAsync(await readFile(path));
    const book = await zip.file('xl/workbook.xml')!.async('string');
    const tabs = [...book.matchAll(/<sheet [^>]*\/>/g)].map((m) => m[0]);
    expect(tabs).toHaveLength(3);
    const reordered = book.replace(tabs.join(''), [tabs[2], tabs[0], tabs[1]].join(''));
    expect(reordered).not.toBe(book);
    zip.file('xl/workbook.xml', reordered);
    await writeFile(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));

    const read = await readXlsx(path, 'ordered.xlsx');
    expect(read.names).toEqual(['Third', 'First', 'Second']);
    expect(read.sheets.map((s) => cellText(s))).toEqual([['c', 3], ['a', 1], ['b', 2]]);
  });

  it('reads only the chosen sheets and still names them all', async () => {
    const w = testWorkspace();
    const path = await writeSheets(join(w.dir, 'chosen.xlsx'), { Jobs: [['id'], ['J-1']], Notes: [['n'], ['x']], People: [['id'], ['C-1']] });
    const read = await readXlsx(path, 'chosen.xlsx', { sheets: ['People'] });
    expect(read.names).toEqual(['Jobs', 'Notes', 'People']);
    expect(read.sheets.map((s) => [s.name, cellText(s)])).toEqual([['People', ['id', 'C-1']]]);
  });
});
