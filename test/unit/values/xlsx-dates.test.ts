import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { excelDateToEpochMs, readEpochMs } from '../../../shared/values/dates';
import { checkRecord } from '../../../shared/rsc/check';
import { readXlsx } from '../../../electron/core/importing/reading/xlsx-reader';

const dir = mkdtempSync(join(tmpdir(), 'rscw-xlsx-dates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes the dates to one column of a real .xlsx and reads them back with the importer's reader. */
async function roundTrip(dates: Date[], file: string): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Candidates');
  ws.addRow(['atsCreatedAt']);
  for (const d of dates) ws.addRow([d]);
  await wb.xlsx.writeFile(file);

  const { sheets } = await readXlsx(file, 'dates.xlsx');
  return sheets[0].rows.filter((row) => row.row > 1).map((row) => row.cells[0]);
}

let n = 0;

describe('a date written to an xlsx cell and read back', () => {
  it('normalizes to the same epoch milliseconds, for any date', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.date({ min: new Date(Date.UTC(1970, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }), {
          minLength: 1, maxLength: 40,
        }),
        async (dates) => {
          const back = await roundTrip(dates, join(dir, `dates-${n++}.xlsx`));
          expect(back).toHaveLength(dates.length);
          back.forEach((cell, i) => {
            expect(cell).toBeInstanceOf(Date);
            const ms = excelDateToEpochMs(cell as Date);
            expect(ms).toBe(dates[i].getTime());
            // As the importer stores it (epoch ms), the rule pack reads it unchanged.
            expect(readEpochMs(ms)).toEqual(ms >= 1e11 ? { kind: 'ok', ms } : expect.anything());
          });
        },
      ),
      { numRuns: 15 },
    );
  });

  it('passes the date rules of a candidate unchanged', async () => {
    const created = new Date(Date.UTC(2024, 10, 5, 14, 3, 27, 123));
    const [cell] = await roundTrip([created], join(dir, 'candidate.xlsx'));
    const { normalized, issues } = checkRecord(
      'candidates',
      {
        atsCandidateId: 'C1', atsCreatedAt: excelDateToEpochMs(cell as Date), atsLastModifiedAt: excelDateToEpochMs(cell as Date),
        emailAddresses: 'a@example.com', externalProfileUrl: 'https://ats.example.com/c/1', firstName: 'A', lastName: 'B',
      },
      { now: Date.UTC(2026, 0, 1) },
    );
    expect(issues).toEqual([]);
    expect(normalized.atsCreatedAt).toBe(created.getTime());
  });
});
