import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/db/connection';
import { recordDetail } from '../../../electron/core/records/detail';
import { runEditCommand, NO_PROGRESS } from '../../../electron/core/editing';
import { ContractFailure } from '../../../shared/contract/define';
import { openSeeded } from './support/open-seeded';

let db: Db;

beforeAll(() => {
  ({ db } = openSeeded({ candidates: 40 }));
});
afterAll(() => db.close());

function insertExchange(at: number, keys: string[], status: number, body: string): number {
  const info = db
    .prepare(
      `INSERT INTO exchanges (at, category, method, url, request_headers, request_body, status, response_body, record_keys, kind)
       VALUES (?, 'candidates', 'PUT', 'https://api.linkedin.com/v2/atsCandidates', '{}', ?, ?, ?, ?, 'batch')`,
    )
    .run(at, JSON.stringify({ entities: keys }), status, body, JSON.stringify(keys));
  return Number(info.lastInsertRowid);
}

describe('a record in detail', () => {
  it('shows every field with its original and current value, marking edited ones', () => {
    runEditCommand(db, { type: 'edit', changes: [{ recordId: 2, field: 'firstName', value: 'Benjamin' }] }, NO_PROGRESS);
    const d = recordDetail(db, { category: 'candidates', key: 'C1' });
    const first = d.fields.find((f) => f.name === 'firstName');
    expect(first).toEqual({ name: 'firstName', original: 'Ben', current: 'Benjamin', edited: true, inSpec: true });
    expect(d.fields.find((f) => f.name === 'lastName')?.edited).toBe(false);
    expect(d.source).toMatchObject({ file: 'candidates.xlsx', sheet: 'Candidates', row: 3 });
    expect(d.extras).toEqual({ Recruiter: 'Recruiter 1', Notes: null });
  });

  it('lists its issues with their fixes', () => {
    const d = recordDetail(db, { recordId: 1 });
    const url = d.issues.find((i) => i.rule === 'url-format');
    expect(url?.fix).toMatchObject({ field: 'externalProfileUrl', value: 'https://ats.example.com/candidates/0' });
  });

  it('lists its edit history, newest first, with undone edits marked', () => {
    runEditCommand(db, { type: 'edit', changes: [{ recordId: 3, field: 'lastName', value: 'Ross' }] }, NO_PROGRESS);
    runEditCommand(db, { type: 'edit', changes: [{ recordId: 3, field: 'lastName', value: 'Russo' }] }, NO_PROGRESS);
    runEditCommand(db, { type: 'undo' }, NO_PROGRESS);
    const d = recordDetail(db, { recordId: 3 });
    expect(d.history.map((h) => [h.before, h.after, h.undone])).toEqual([
      ['Ross', 'Russo', true],
      ['Rossi', 'Ross', false],
    ]);
    expect(d.fields.find((f) => f.name === 'lastName')?.current).toBe('Ross');
  });

  it('lists the sync exchanges that carried it, newest first, and the one its status came from', () => {
    const older = insertExchange(1000, ['C5', 'C6'], 200, '{"results":{"C5":{"status":422}}}');
    const newer = insertExchange(2000, ['C5'], 200, '{"results":{"C5":{"status":204}}}');
    insertExchange(3000, ['C50', 'C6'], 200, '{}');
    db.prepare("UPDATE records SET sync_status = 'succeeded', sync_exchange_id = ? WHERE key = 'C5'").run(newer);
    const d = recordDetail(db, { category: 'candidates', key: 'C5' });
    expect(d.sync.status).toBe('succeeded');
    expect(d.sync.exchanges.map((e) => e.id)).toEqual([newer, older]);
    expect(d.sync.exchanges[0]).toMatchObject({ method: 'PUT', status: 200, responseBody: '{"results":{"C5":{"status":204}}}', truncated: false });
  });

  it('cuts very long bodies and says so', () => {
    const id = insertExchange(4000, ['C7'], 500, 'x'.repeat(50_000));
    const d = recordDetail(db, { category: 'candidates', key: 'C7' });
    const e = d.sync.exchanges.find((x) => x.id === id);
    expect(e?.truncated).toBe(true);
    expect(e?.responseBody?.length).toBeLessThan(50_000);
  });

  it('refuses an unknown record with a readable message', () => {
    expect(() => recordDetail(db, { category: 'candidates', key: 'nope' })).toThrow(ContractFailure);
    expect(() => recordDetail(db, { category: 'candidates', key: 'nope' })).toThrow('There is no record candidates "nope"');
  });
});
