import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAuditWorkbook } from '../../../electron/core/exporting/audit/write-audit';
import { writeCleanExport } from '../../../electron/core/exporting/clean/write-clean';
import { cancelled } from '../../../electron/core/jobs/errors';
import type { ExportControl } from '../../../electron/core/exporting/pacing';
import { buildExportWorkspace, insertRecord, type ExportWorkspace } from './export-workspace';
import { readWorkbook } from './read-workbook';

let ws: ExportWorkspace;
beforeAll(() => {
  ws = buildExportWorkspace();
  // Enough rows for the export to check for cancellation a few times.
  ws.db.transaction(() => {
    for (let i = 0; i < 1000; i++) {
      insertRecord(ws.db, {
        category: 'stages', key: `A-${i}/S`, sheet: null, row: null, source: {},
        original: { atsJobApplicationId: `A-${i}`, stageId: 'S', stage: 'Phone Screen', atsCreatedAt: 1735689600000 },
      });
    }
  })();
});
afterAll(() => ws.db.close());

function cancelAfter(checks: number): ExportControl {
  let n = 0;
  return {
    progress: () => undefined,
    throwIfCancelled() {
      if (++n > checks) throw cancelled();
    },
  };
}

function tempFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.tmp'));
}

describe('writing an export safely', () => {
  it('replaces an existing file that is not open anywhere', async () => {
    const path = join(ws.dir, 'replace.xlsx');
    writeFileSync(path, 'old contents');
    await writeAuditWorkbook(ws.db, ws.path, { path });
    expect((await readWorkbook(path)).worksheets[0].name).toBe('Summary');
  });

  it('refuses a file that Excel has open (its ~$ lock file is beside it) and leaves it untouched', async () => {
    const path = join(ws.dir, 'open-in-excel.xlsx');
    writeFileSync(path, 'the customer version');
    writeFileSync(join(ws.dir, '~$open-in-excel.xlsx'), '');
    await expect(writeAuditWorkbook(ws.db, ws.path, { path })).rejects.toMatchObject({
      code: 'TARGET_OPEN',
      message: '"open-in-excel.xlsx" is open in another program (Excel?). Close it, or choose another file name, and export again.',
    });
    expect(readFileSync(path, 'utf8')).toBe('the customer version');
    expect(tempFiles(ws.dir)).toEqual([]);
  });

  it('refuses a file that LibreOffice has open', async () => {
    const path = join(ws.dir, 'open-in-calc.csv');
    writeFileSync(path, 'x');
    writeFileSync(join(ws.dir, '.~lock.open-in-calc.csv#'), '');
    await expect(writeCleanExport(ws.db, ws.path, { path, category: 'jobs' })).rejects.toMatchObject({ code: 'TARGET_OPEN' });
  });

  it('refuses a folder as the target', async () => {
    const path = join(ws.dir, 'folder.xlsx');
    mkdirSync(path);
    await expect(writeAuditWorkbook(ws.db, ws.path, { path })).rejects.toMatchObject({ code: 'TARGET_IS_FOLDER' });
  });

  it('refuses a relative path', async () => {
    await expect(writeAuditWorkbook(ws.db, ws.path, { path: 'audit.xlsx' })).rejects.toMatchObject({ code: 'BAD_PATH' });
  });

  it('creates the folder of a new target', async () => {
    const path = join(ws.dir, 'new', 'folder', 'audit.xlsx');
    await writeAuditWorkbook(ws.db, ws.path, { path });
    expect(existsSync(path)).toBe(true);
  });

  it('leaves the previous file and no temporary file when an audit is cancelled half-way', async () => {
    const path = join(ws.dir, 'cancelled.xlsx');
    writeFileSync(path, 'previous export');
    await expect(writeAuditWorkbook(ws.db, ws.path, { path }, cancelAfter(2))).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(readFileSync(path, 'utf8')).toBe('previous export');
    expect(tempFiles(ws.dir)).toEqual([]);
  });

  it('writes none of the CSV files when a per-category export is cancelled half-way', async () => {
    const path = join(ws.dir, 'set.csv');
    await expect(writeCleanExport(ws.db, ws.path, { path }, cancelAfter(2))).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(readdirSync(ws.dir).filter((f) => f.startsWith('set'))).toEqual([]);
    expect(tempFiles(ws.dir)).toEqual([]);
  });

  it('writes none of the CSV files when one of them is open elsewhere', async () => {
    writeFileSync(join(ws.dir, 'locked-candidates.csv'), 'open in Excel');
    writeFileSync(join(ws.dir, '~$locked-candidates.csv'), '');
    await expect(writeCleanExport(ws.db, ws.path, { path: join(ws.dir, 'locked.csv') })).rejects.toMatchObject({
      code: 'TARGET_OPEN',
    });
    expect(readdirSync(ws.dir).filter((f) => f.startsWith('locked'))).toEqual(['locked-candidates.csv']);
    expect(readFileSync(join(ws.dir, 'locked-candidates.csv'), 'utf8')).toBe('open in Excel');
  });

  it('reports progress up to the total', async () => {
    const seen: [number, number, string][] = [];
    await writeAuditWorkbook(ws.db, ws.path, { path: join(ws.dir, 'progress.xlsx') }, {
      progress: (done, total, message = '') => seen.push([done, total, message]),
      throwIfCancelled: () => undefined,
    });
    expect(seen.length).toBeGreaterThan(3);
    const last = seen[seen.length - 1];
    expect(last[0]).toBe(last[1]);
    expect(last[2]).toBe('Audit workbook written');
    expect(seen.some(([, , m]) => m === 'Writing Application stages')).toBe(true);
    expect(seen.every(([done, total]) => done <= total)).toBe(true);
  });
});
