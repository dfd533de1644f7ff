import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openWorkspaceDb, type Db } from '../../../electron/core/db/connection';
import { setSetting } from '../../../electron/core/db/settings-table';
import { writeCleanExport } from '../../../electron/core/exporting/clean/write-clean';
import { importIntoWorkspace } from '../../../electron/core/importing/import-into-workspace';
import type { SheetPlan } from '../../../shared/contract/import';
import { tempDir } from '../../support/temp';
import { CANDIDATE_MAPPING as SHARED_CANDIDATE_MAPPING, JOB_MAPPING as SHARED_JOB_MAPPING, PARIS } from './export-workspace';

/**
 * Importing a cleaned export gives the same records: a customer's file is imported, fixed in the
 * workspace, exported in its own layout, and the export imported into a fresh workspace.
 */

const ZONE = PARIS;

// The shared fixture's mappings, with its unmapped column kept explicitly.
const JOB_MAPPING: Record<string, string> = { ...SHARED_JOB_MAPPING, Recruiter: '' };
const CANDIDATE_MAPPING: Record<string, string> = { ...SHARED_CANDIDATE_MAPPING, Notes: '' };

function workspace(dir: string, name: string): Db {
  const db = openWorkspaceDb(join(dir, `${name}.rscw`));
  setSetting(db, 'workspace.timeZone', ZONE);
  return db;
}

/**
 * Every record as category/key → current values (a field with no value left out: absent and
 * empty mean the same, and a column added for one record gives the others an empty cell), and
 * the unmapped source columns.
 */
function snapshot(db: Db, unmapped: string[]): Record<string, unknown> {
  const rows = db.prepare('SELECT category, key, values_json, source_json FROM records_wide ORDER BY category, key').all() as {
    category: string;
    key: string;
    values_json: string;
    source_json: string;
  }[];
  return Object.fromEntries(
    rows.map((r) => {
      const source = JSON.parse(r.source_json) as Record<string, unknown>;
      const kept = Object.fromEntries(unmapped.filter((h) => h in source).map((h) => [h, source[h]]));
      const values = Object.fromEntries(
        Object.entries(JSON.parse(r.values_json) as Record<string, unknown>).filter(([, v]) => v !== null),
      );
      return [`${r.category}/${r.key}`, { values, unmapped: kept }];
    }),
  );
}

/** A customer's workbook as an ATS writes it: real date cells, numbers, text that looks like a formula. */
async function customerWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const jobs = wb.addWorksheet('Open roles');
  jobs.addRow(Object.keys(JOB_MAPPING));
  const description = 'We are looking for someone to run our wards, with care and calm, in a friendly team. '.repeat(2);
  jobs.addRow([10090, 'Nurse', description, 'Lyon, FR', 'FR', 'LISTED', 'https://jobs.example.com/10090', new Date(Date.UTC(2024, 11, 31)), 'Chloé']);
  jobs.addRow(['J-2', '', description, 'paris', 'FR', 'LISTED', 'https://jobs.example.com/J-2', new Date(Date.UTC(2025, 0, 2, 9, 30)), '=1+1']);
  jobs.addRow(['J-3', '@SUM(A1)', description, 'Nice, FR', 'FR', 'CLOSED', 'https://jobs.example.com/J-3', null, '  spaced  ']);
  const candidates = wb.addWorksheet('People');
  candidates.addRow(Object.keys(CANDIDATE_MAPPING));
  candidates.addRow(['C-1', 'Ada', 'Lovelace', 'ada@example.com', new Date(Date.UTC(2025, 0, 1, 10, 30)), 1735689600000, 'met at a fair']);
  candidates.addRow(['C-2', '=HYPERLINK("http://x","y")', 'Ünïcødé', 'x@example.com; y@example.com', new Date(Date.UTC(2025, 0, 1)), 1735689600000, null]);
  await wb.xlsx.writeFile(path);
}

const XLSX_PLAN: SheetPlan[] = [
  { sheet: 'Open roles', category: 'jobs', mapping: JOB_MAPPING },
  { sheet: 'People', category: 'candidates', mapping: CANDIDATE_MAPPING },
];

describe('a cleaned export imported again', () => {
  it('gives the same records as the workspace it came from (xlsx, with edits and a field filled in the app)', async () => {
    const dir = tempDir('rscw-roundtrip-');
    const source = join(dir, 'customer.xlsx');
    await customerWorkbook(source);

    const a = workspace(dir, 'a');
    await importIntoWorkspace(a, { path: source, sheets: XLSX_PLAN }, { check: false });
    // The consultant's fixes: a title, a date converted to epoch ms, a postal code with no source column.
    const edit = a.prepare("UPDATE record_values SET values_json = json_set(values_json, ?, json(?)) WHERE record_id IN (SELECT id FROM records WHERE key = ?)");
    edit.run('$.title', '"Ward Nurse"', 'J-2');
    edit.run('$.location', '"Paris, FR"', 'J-2');
    edit.run('$.listedAt', String(Date.UTC(2025, 0, 5, 8, 0)), '10090');
    edit.run('$.postalCode', '"69001"', '10090');
    const before = snapshot(a, ['Recruiter', 'Notes']);
    expect(Object.keys(before)).toEqual(['candidates/C-1', 'candidates/C-2', 'jobs/10090', 'jobs/J-2', 'jobs/J-3']);

    const cleaned = join(dir, 'cleaned.xlsx');
    const result = await writeCleanExport(a, join(dir, 'a.rscw'), { path: cleaned });
    // Sheets named for their categories; the notes say they came from "Open roles" and "People".
    expect(result.sheets).toEqual(['Jobs', 'Candidates', 'Notes']);

    const b = workspace(dir, 'b');
    await importIntoWorkspace(
      b,
      {
        path: cleaned,
        sheets: [
          { ...XLSX_PLAN[0], sheet: 'Jobs', mapping: { ...JOB_MAPPING, postalCode: 'postalCode' } },
          { ...XLSX_PLAN[1], sheet: 'Candidates' },
        ],
      },
      { check: false },
    );
    expect(snapshot(b, ['Recruiter', 'Notes'])).toEqual(before);
    a.close();
    b.close();
  });

  it('gives the same records from CSV, where only formula-like text keeps the apostrophe that disarms it', async () => {
    const dir = tempDir('rscw-roundtrip-');
    const source = join(dir, 'people.csv');
    writeFileSync(
      source,
      '\uFEFFatsCandidateId;firstName;lastName;emailAddresses;atsCreatedAt;Notes\r\n' +
        'C-1;Ada;Lovelace;ada@example.com;2025-01-01 10:30;"met; at a ""fair"""\r\n' +
        'C-2;=HYPERLINK("http://x","y");Ünïcødé;x@example.com;1735689600000;\r\n' +
        'C-3;Grace;Hopper;grace@example.com;31/12/2024;-5\r\n',
    );
    const a = workspace(dir, 'a');
    await importIntoWorkspace(a, { path: source, category: 'candidates', delimiter: ';' }, { check: false });
    a.prepare("UPDATE record_values SET values_json = json_set(values_json, '$.lastName', 'Hopper-Murray') WHERE record_id IN (SELECT id FROM records WHERE key = 'C-3')").run();
    const before = snapshot(a, ['Notes']);

    const result = await writeCleanExport(a, join(dir, 'a.rscw'), { path: join(dir, 'cleaned.csv') });
    // Every category was asked for, so the file is named for its category, beside the chosen name.
    expect(result.files).toEqual([join(dir, 'cleaned-candidates.csv')]);
    const b = workspace(dir, 'b');
    await importIntoWorkspace(b, { path: result.path, category: 'candidates', delimiter: ';' }, { check: false });
    const after = snapshot(b, ['Notes']) as Record<string, { values: Record<string, unknown> }>;

    expect(after['candidates/C-3'].values.lastName).toBe('Hopper-Murray');
    // What CSV safety costs: the apostrophe that keeps Excel from running the text comes back with it.
    expect(after['candidates/C-2'].values.firstName).toBe(`'=HYPERLINK("http://x","y")`);
    after['candidates/C-2'].values.firstName = '=HYPERLINK("http://x","y")';
    expect(after).toEqual(before);
    a.close();
    b.close();
  });
});
