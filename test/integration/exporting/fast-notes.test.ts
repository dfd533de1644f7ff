import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { useFastNotes } from '../../../electron/core/exporting/fast-notes';
import { tempDir } from '../../support/temp';
import { zipEntries } from './zip-entries';

const NOTES = [
  'Error (title-required): Title is required.',
  'Two lines\nEdited. Original value: <b>"Tom & Jerry\'s"</b>',
  ' leading space',
  'control\u0001char',
];

async function workbookWithNotes(path: string, fast: boolean): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  const ws = wb.addWorksheet('Notes');
  if (fast) useFastNotes(ws);
  NOTES.forEach((note, i) => {
    const row = ws.getRow(i + 1);
    row.getCell(1).value = `row ${i + 1}`;
    row.getCell((i % 3) + 2).value = i;
    row.getCell((i % 3) + 2).note = note;
    row.commit();
  });
  ws.commit();
  await wb.commit();
}

describe('fast cell notes', () => {
  it('write exactly the XML exceljs writes for the same notes', async () => {
    const dir = tempDir('rscw-notes-');
    await workbookWithNotes(join(dir, 'exceljs.xlsx'), false);
    await workbookWithNotes(join(dir, 'fast.xlsx'), true);
    const slow = zipEntries(join(dir, 'exceljs.xlsx'));
    const fast = zipEntries(join(dir, 'fast.xlsx'));
    for (const name of ['xl/comments1.xml', 'xl/drawings/vmlDrawing1.vml']) {
      expect(slow.get(name), name).toBeDefined();
      expect(fast.get(name), name).toBe(slow.get(name));
    }
  });

  it('read back as the notes that were written', async () => {
    const dir = tempDir('rscw-notes-');
    await workbookWithNotes(join(dir, 'fast.xlsx'), true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'fast.xlsx'));
    const ws = wb.getWorksheet('Notes')!;
    const notes = NOTES.map((_, i) => {
      const note = ws.getRow(i + 1).getCell((i % 3) + 2).note as string | { texts: { text: string }[] };
      return typeof note === 'string' ? note : note.texts.map((t) => t.text).join('');
    });
    expect(notes).toEqual([NOTES[0], NOTES[1], NOTES[2], 'controlchar']);
  });
});
