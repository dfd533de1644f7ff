import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAuditWorkbook } from '../../../electron/core/exporting/audit/write-audit';
import { writeCleanExport } from '../../../electron/core/exporting/clean/write-clean';
import { setSetting } from '../../../electron/core/db/settings-table';
import { exportFileName } from '../../../shared/export-file-name';
import { buildExportWorkspace, type ExportWorkspace } from './export-workspace';
import { readWorkbook, sheet, table } from './read-workbook';

let ws: ExportWorkspace;
beforeAll(() => {
  ws = buildExportWorkspace();
});
afterAll(() => ws.db.close());

describe('exports named for any workspace', () => {
  const AT = Date.UTC(2026, 11, 7, 13, 30);
  for (const name of ['Société Générale — Ärzte', '東京 採用チーム', 'Acme: "jobs" <2026>/Q4 | HR*?', 'CON']) {
    it(`write and read back for "${name}"`, async () => {
      setSetting(ws.db, 'workspace.name', name);
      const audit = join(ws.dir, exportFileName(name, 'audit', 'xlsx', AT, 'Europe/Paris'));
      await writeAuditWorkbook(ws.db, ws.path, { path: audit });
      const summary = table(sheet(await readWorkbook(audit), 'Summary'));
      expect(summary.find((r) => r[0] === 'Workspace')?.[1]).toBe(name);
      expect(readdirSync(ws.dir)).toContain(exportFileName(name, 'audit', 'xlsx', AT, 'Europe/Paris'));

      const clean = join(ws.dir, exportFileName(name, 'cleaned jobs', 'xlsx', AT, 'Europe/Paris'));
      await writeCleanExport(ws.db, ws.path, { path: clean, category: 'jobs' });
      expect((await readWorkbook(clean)).worksheets.length).toBeGreaterThan(0);
    });
  }
  it('keep the date last in the CSV written per category', async () => {
    const path = join(ws.dir, exportFileName('Acme', 'cleaned', 'csv', AT, 'UTC'));
    const result = await writeCleanExport(ws.db, ws.path, { path, format: 'csv' });
    expect(result.files.map((f) => f.slice(ws.dir.length + 1))).toEqual([
      'Acme cleaned jobs 2026-12-07 13-30.csv',
      'Acme cleaned candidates 2026-12-07 13-30.csv',
    ]);
  });

  it('are the workspace, what the file holds and the minute', () => {
    expect(exportFileName('Société Générale — Ärzte', 'audit', 'xlsx', AT, 'Europe/Paris')).toBe('Société Générale — Ärzte audit 2026-12-07 14-30.xlsx');
    expect(exportFileName('Acme: "jobs" <2026>/Q4 | HR*?', 'audit', 'xlsx', AT, 'UTC')).toBe('Acme jobs 2026 Q4 HR audit 2026-12-07 13-30.xlsx');
  });
});
