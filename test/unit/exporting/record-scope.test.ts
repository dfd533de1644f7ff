import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWorkspaceDb, type Db } from '../../../electron/core/db/connection';
import { recordScope } from '../../../electron/core/exporting/record-scope';
import type { ExportFilter } from '../../../shared/contract/export';
import { recordInserter } from '../../support/record-rows';

let db: Db;

function add(key: string, status: string, opts: { excluded?: boolean; sync?: string; values?: object; rule?: string; field?: string } = {}) {
  const id = recordInserter(db, ['key', 'values_json', 'status', 'excluded', 'sync_status'], { category: 'jobs', original_json: '{}' })(
    key, JSON.stringify(opts.values ?? {}), status, opts.excluded ? 1 : 0, opts.sync ?? null,
  );
  if (opts.rule) {
    db.prepare("INSERT INTO record_issues (record_id, category, rule, field, severity, message) VALUES (?, 'jobs', ?, ?, 'error', 'm')").run(
      id,
      opts.rule,
      opts.field ?? 'title',
    );
  }
  return id;
}

function keys(filter?: ExportFilter): string[] {
  const scope = recordScope(db, filter);
  return (db.prepare(`SELECT r.key FROM records r WHERE ${scope.sql} ORDER BY r.id`).all(...scope.params) as { key: string }[]).map(
    (r) => r.key,
  );
}

beforeEach(() => {
  db = openWorkspaceDb(':memory:');
  add('J-1', 'compliant', { sync: 'succeeded', values: { title: 'Data Engineer' } });
  add('J-2', 'error', { rule: 'title-required', field: 'title', sync: 'failed', values: { title: '' } });
  add('J-3', 'error', { excluded: true, rule: 'state-enum', field: 'state', values: { title: '100%_done' } });
  add('J-4', 'warning', { values: { title: "O'Brien; DROP TABLE records" } });
  recordInserter(db, ['category', 'key', 'original_json', 'values_json'])('candidates', 'C-1', '{}', '{}');
});
afterEach(() => db.close());

describe('the records an export covers (the grid\'s own filter)', () => {
  it('is every record of every category without a filter', () => {
    const scope = recordScope(db);
    expect(scope.filtered).toBe(false);
    expect(scope.categories).toEqual(['jobs', 'candidates', 'applications', 'stages']);
    expect(keys()).toEqual(['J-1', 'J-2', 'J-3', 'J-4', 'C-1']);
  });

  it('keeps a check status to records not excluded, as the counts do, and "excluded" to excluded ones', () => {
    expect(keys({ category: 'jobs', status: 'error' })).toEqual(['J-2']);
    expect(keys({ category: 'jobs', status: ['excluded', 'warning'] })).toEqual(['J-3', 'J-4']);
  });

  it('filters by sync status, with "none" for never sent', () => {
    expect(keys({ category: 'jobs', syncStatus: 'none' })).toEqual(['J-3', 'J-4']);
    expect(keys({ category: 'jobs', syncStatus: ['failed', 'succeeded'] })).toEqual(['J-1', 'J-2']);
  });

  it('filters by rule and by the field an issue is on', () => {
    expect(keys({ category: 'jobs', rule: 'state-enum' })).toEqual(['J-3']);
    expect(keys({ category: 'jobs', field: 'title' })).toEqual(['J-2']);
  });

  it('searches keys and values, taking % and _ literally and quotes as text', () => {
    expect(keys({ category: 'jobs', search: 'engineer' })).toEqual(['J-1']);
    expect(keys({ category: 'jobs', search: '0%_' })).toEqual(['J-3']);
    expect(keys({ category: 'jobs', search: "O'Brien; DROP" })).toEqual(['J-4']);
    expect(keys({ category: 'jobs', search: 'j-2' })).toEqual(['J-2']);
  });

  it('narrows to chosen record ids and combines every criterion', () => {
    expect(keys({ category: 'jobs', recordIds: [2, 3, 5] })).toEqual(['J-2', 'J-3']);
    expect(keys({ category: 'jobs', recordIds: [2, 3], status: 'error' })).toEqual(['J-2']);
    expect(recordScope(db, { category: 'jobs', status: 'error', search: 'x' }).description).toBe(
      'Filtered view: category jobs, status error, containing "x"',
    );
  });

  it("selects a facet's value, empty included", () => {
    expect(keys({ category: 'jobs', value: { field: 'title', value: 'Data Engineer' } })).toEqual(['J-1']);
    expect(keys({ category: 'jobs', value: { field: 'title', value: null } })).toEqual(['J-2']);
  });
});
