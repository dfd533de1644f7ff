import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { writeAuditWorkbook } from '../../../electron/core/exporting/audit/write-audit';
import { buildExportWorkspace, insertRecord } from './export-workspace';
import { readWorkbook, sheet, table } from './read-workbook';

describe('an audit written while the workspace changes', () => {
  it('shows the workspace as it was when the export began, in every sheet', async () => {
    const ws = buildExportWorkspace();
    ws.db.transaction(() => {
      for (let i = 0; i < 600; i++) {
        insertRecord(ws.db, {
          category: 'stages', key: `A-${i}/S`, sheet: null, row: null, source: {},
          original: { atsJobApplicationId: `A-${i}`, stageId: 'S', stage: 'Phone Screen', atsCreatedAt: 1735689600000 },
        });
      }
    })();
    // The consultant's window: another connection, which undoes history while the export runs.
    const ui = openWorkspaceDb(ws.path);
    let changed = false;
    const path = join(ws.dir, 'snapshot.xlsx');
    await writeAuditWorkbook(ws.db, ws.path, { path }, {
      progress: () => {
        if (changed) return;
        changed = true;
        ui.prepare('DELETE FROM operations').run();
        ui.prepare("DELETE FROM records WHERE category = 'jobs'").run();
      },
      throwIfCancelled: () => undefined,
    });
    expect(changed).toBe(true);
    expect((ui.prepare('SELECT count(*) AS n FROM edits').get() as { n: number }).n).toBe(0);
    const wb = await readWorkbook(path);
    expect(table(sheet(wb, 'Edits'))).toHaveLength(4);
    expect(table(sheet(wb, 'Excluded')).slice(1).map((r) => r[1])).toEqual(['J-3']);
    ui.close();
    ws.db.close();
  });
});
