import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { Backend } from '../../../electron/core/backend';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { EDIT_JOB_THRESHOLD } from '../../../electron/core/handlers/records';
import type { EventName } from '../../../shared/contract';
import { tempDir } from '../../support/temp';
import { seedWorkspace } from '../records/support/workspace-fixture';

let backend: Backend | null = null;
afterEach(() => {
  backend?.close();
  backend = null;
});

function open(candidates: number, jobMode: 'worker' | 'inline' = 'inline') {
  const dir = tempDir('rscw-records-backend-');
  const file = join(dir, 'w.rscw');
  const db = openWorkspaceDb(file);
  seedWorkspace(db, { candidates });
  db.close();
  backend = new Backend({ transport: 'in-process', dataDir: join(dir, 'data'), resourcesDir: dir, jobMode, workspacePath: file });
  const events: { name: EventName; payload: unknown }[] = [];
  backend.subscribe((name, payload) => events.push({ name, payload }));
  return { backend, events };
}

describe('the records methods', () => {
  it('serve a page, then an edit that tells the UI which categories changed', async () => {
    const { backend, events } = open(30);
    const page = await backend.invoke('records:page', { filter: { category: 'candidates' }, limit: 5 });
    expect(page.total).toBe(30);
    const row = page.rows[1];
    const result = await backend.invoke('records:edit', { changes: [{ recordId: row.id, field: 'lastName', value: 'Jonas' }] });
    expect(result.changedCells).toBe(1);
    expect(events.filter((e) => e.name === 'data:changed').map((e) => e.payload)).toEqual([{ categories: ['candidates'], reason: 'edit' }]);
    const after = await backend.invoke('records:page', { filter: { category: 'candidates', recordIds: [row.id] } });
    expect(after.rows[0].values.lastName).toBe('Jonas');
    expect(after.rows[0].originals).toEqual({ lastName: 'Jones' });
  });

  it('reject input outside the contract before touching anything', async () => {
    const { backend } = open(5);
    const r = await backend.call('records:bulk', { filter: { category: 'candidates', colour: 'red' }, action: { kind: 'clear', field: 'lastName' } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
  });

  it('send a refused revert across as a readable error', async () => {
    const { backend } = open(10);
    const first = await backend.invoke('records:edit', { changes: [{ recordId: 2, field: 'lastName', value: 'A' }] });
    await backend.invoke('records:edit', { changes: [{ recordId: 2, field: 'lastName', value: 'B' }] });
    const r = await backend.call('records:revert', { operationId: first.operation!.id });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('OVERLAP');
    expect(!r.ok && r.error.message).toMatch(/^Cannot revert #1 \(Edited lastName of C1\): later operation #2/);
  });

  it('run a large bulk operation as a bulk-edit job with progress, and undo it the same way', async () => {
    const n = EDIT_JOB_THRESHOLD + 500;
    const { backend, events } = open(n, 'worker');
    const result = await backend.invoke('records:bulk', {
      filter: { category: 'candidates' },
      action: { kind: 'set', field: 'manualMatchedMember', value: 'urn:li:person:abc123' },
    });
    expect(result.changedRecords).toBe(n);
    const started = events.filter((e) => e.name === 'job:started').map((e) => e.payload as { kind: string; title: string });
    expect(started).toEqual([expect.objectContaining({ kind: 'bulk-edit', title: 'Set manualMatchedMember to "urn:li:person:abc123"' })]);
    expect(events.some((e) => e.name === 'job:progress')).toBe(true);
    expect(events.find((e) => e.name === 'job:finished')?.payload).toMatchObject({ ok: true, kind: 'bulk-edit' });
    const facets = await backend.invoke('records:facets', { filter: { category: 'candidates' }, valueFields: ['manualMatchedMember'] });
    expect(facets.values).toEqual([{ field: 'manualMatchedMember', values: [{ value: 'urn:li:person:abc123', count: n }], distinct: 1 }]);

    const undone = await backend.invoke('records:undo', {});
    expect(undone.changedCells).toBe(n);
    const page = await backend.invoke('records:page', { filter: { category: 'candidates', value: { field: 'manualMatchedMember', value: null } } });
    expect(page.total).toBe(n);
    expect(events.filter((e) => e.name === 'job:started')).toHaveLength(2);
  });

  it('summarize the workspace for the dashboard and reflect a fix at once', async () => {
    const { backend } = open(50);
    const before = await backend.invoke('records:summary', {});
    const seconds = before.categories.candidates.topRules.find((r) => r.rule === 'date-seconds');
    expect(seconds?.records).toBe(10);
    await backend.invoke('records:fixAll', { rule: 'date-seconds', category: 'candidates' });
    const after = await backend.invoke('records:summary', {});
    expect(after.categories.candidates.topRules.find((r) => r.rule === 'date-seconds')).toBeUndefined();
    expect(after.categories.candidates.counts.error).toBeLessThan(before.categories.candidates.counts.error);
  });
});
