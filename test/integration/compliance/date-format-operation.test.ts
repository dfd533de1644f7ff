import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Backend } from '../../../electron/core/backend';
import { writeAuditWorkbook } from '../../../electron/core/exporting/audit/write-audit';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { validRecord } from '../../unit/rsc/fixtures';
import { readWorkbook, sheet, table } from '../exporting/read-workbook';
import { insertRecord } from './workspace';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

function setUp() {
  const dir = mkdtempSync(join(tmpdir(), 'rscw-date-format-op-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'w.rscw');
  const db = openWorkspaceDb(file);
  insertRecord(db, 'stages', { ...validRecord('stages'), atsCreatedAt: '03/04/2025' });
  db.close();
  const backend = new Backend({ transport: 'in-process', dataDir: join(dir, 'data'), resourcesDir: dir, jobMode: 'inline', workspacePath: file });
  cleanups.push(() => backend.close());
  return { backend, dir, file };
}

describe('choosing a date format for a column', () => {
  it('is an operation of the history: listed, undone and redone, each followed by a check', async () => {
    const { backend } = setUp();
    await backend.invoke('rules:check', {});
    const stagesErrors = async () => (await backend.invoke('rules:summary', {})).categories.stages.nonCompliant;
    expect(await stagesErrors()).toBe(1);

    await backend.invoke('rules:setColumnFormat', { category: 'stages', field: 'atsCreatedAt', format: 'dd/MM/yyyy' });
    expect(await stagesErrors()).toBe(0);
    const history = await backend.invoke('records:history', {});
    expect(history.entries[0]).toMatchObject({
      kind: 'date-format',
      description: 'Date format of atsCreatedAt (stages): none (ISO, epoch, Excel serial) → dd/MM/yyyy',
      categories: ['stages'],
      undone: false,
    });

    const undone = await backend.invoke('records:undo', {});
    expect(undone.message).toBe(`Undid #${history.entries[0].id}: ${history.entries[0].description}.`);
    expect(await backend.invoke('rules:columnFormats', {})).toEqual({});
    expect(await stagesErrors()).toBe(1);

    await backend.invoke('records:redo', {});
    expect(await backend.invoke('rules:columnFormats', {})).toEqual({ stages: { atsCreatedAt: 'dd/MM/yyyy' } });
    expect(await stagesErrors()).toBe(0);
  });

  it('cannot revert an earlier format of a column while a later one is in effect', async () => {
    const { backend } = setUp();
    await backend.invoke('rules:setColumnFormat', { category: 'stages', field: 'atsCreatedAt', format: 'dd/MM/yyyy' });
    await backend.invoke('rules:setColumnFormat', { category: 'stages', field: 'atsCreatedAt', format: 'MM/dd/yyyy' });
    const first = (await backend.invoke('records:history', {})).entries[1];
    const refused = await backend.call('records:revert', { operationId: first.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'OVERLAP', message: expect.stringContaining('changed the same column\'s format') } });
  });

  it('is listed in the audit workbook\'s Edits sheet', async () => {
    const { backend, dir, file } = setUp();
    await backend.invoke('rules:setColumnFormat', { category: 'stages', field: 'atsCreatedAt', format: 'dd/MM/yyyy' });
    const db = openWorkspaceDb(file);
    cleanups.unshift(() => db.close());
    const path = join(dir, 'audit.xlsx');
    await writeAuditWorkbook(db, file, { path });
    const edits = table(sheet(await readWorkbook(path), 'Edits'));
    expect(edits.some((r) => r.includes('Date format of atsCreatedAt (stages): none (ISO, epoch, Excel serial) → dd/MM/yyyy'))).toBe(true);
  });
});
