import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspaceDb, type Db } from '../../../electron/core/db/connection';
import { countView, fetchPage } from '../../../electron/core/records/page';
import { fetchFacets } from '../../../electron/core/records/facets';
import { gridColumns } from '../../../electron/core/records/columns';
import { workspaceSummary } from '../../../electron/core/records/summary';
import type { GridFilter } from '../../../shared/contract/records';
import { candidateValues, SOURCES } from './support/workspace-fixture';
import { openSeeded } from './support/open-seeded';

const N = 300;
let db: Db;
let file: string;

beforeAll(() => {
  ({ db, file } = openSeeded({ candidates: N, jobs: 12, applications: 60 }));
});
afterAll(() => db.close());

/** A page as scripts get it: always with its total. */
function page(filter: GridFilter, offset = 0, limit = 1000) {
  const p = fetchPage(db, { filter, offset, limit });
  if (p.total === null) throw new Error('a page without deferTotal always has its total');
  return { ...p, total: p.total };
}

/** The generator's intent, recomputed independently of the SQL. */
function expectedCandidates(predicate: (i: number) => boolean): string[] {
  return Array.from({ length: N }, (_, i) => i).filter(predicate).map((i) => `C${i}`);
}

describe('the records grid', () => {
  it('returns a window of a category in import order with the total', () => {
    const p = page({ category: 'candidates' }, 100, 25);
    expect(p.total).toBe(N);
    expect(p.offset).toBe(100);
    expect(p.rows.map((r) => r.key)).toEqual(Array.from({ length: 25 }, (_, i) => `C${100 + i}`));
  });

  it('returns the last, partial window when scrolled to the end', () => {
    const p = page({ category: 'candidates' }, N - 7, 100);
    expect(p.rows.map((r) => r.key)).toEqual(Array.from({ length: 7 }, (_, i) => `C${N - 7 + i}`));
    expect(p.total).toBe(N);
  });

  it('counts a view again once this connection or another one changed the workspace', () => {
    const view: GridFilter = { category: 'candidates', search: 'Zebra-Total' };
    const rename = (d: Db, key: string, name: string) =>
      d.prepare("UPDATE record_values SET values_json = json_set(values_json, '$.lastName', ?) WHERE record_id = (SELECT id FROM records WHERE key = ?)").run(name, key);
    const keys = ['C20', 'C21', 'C22', 'C23'];
    const read = db.prepare('SELECT values_json FROM records_wide WHERE key = ?').pluck();
    const before = keys.map((k) => read.get(k) as string);
    try {
      for (const k of keys.slice(0, 3)) rename(db, k, 'Zebra-Total');
      expect(page(view, 0, 2).total).toBe(3); // a full window: counted
      expect(page(view, 0, 2).total).toBe(3); // the same view again
      rename(db, 'C22', 'Plain'); // this connection writes
      expect(page(view, 0, 2).total).toBe(2);
      const other = openWorkspaceDb(file); // another connection commits
      try {
        rename(other, 'C23', 'Zebra-Total');
      } finally {
        other.close();
      }
      expect(page(view, 0, 2).total).toBe(3);
      expect(fetchFacets(db, view).total).toBe(3);
    } finally {
      const restore = db.prepare('UPDATE record_values SET values_json = ? WHERE record_id = (SELECT id FROM records WHERE key = ?)');
      keys.forEach((k, i) => restore.run(before[i], k));
    }
  });

  it('leaves the total of a full search window to records:count when asked to, and gives it once counted', () => {
    const search: GridFilter = { category: 'candidates', search: 'C1' }; // 111 records
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('test.touch', ?)").run(String(Math.random())); // not counted yet
    expect(fetchPage(db, { filter: search, offset: 0, limit: 50, deferTotal: true })).toMatchObject({ total: null, offset: 0 });
    expect(fetchPage(db, { filter: search, offset: 0, limit: 50, deferTotal: true }).rows).toHaveLength(50);
    expect(countView(db, search)).toBe(111);
    expect(fetchPage(db, { filter: search, offset: 50, limit: 50, deferTotal: true }).total).toBe(111); // counted: kept
    // Cheap totals (an index) and a window that ends early are never deferred.
    expect(fetchPage(db, { filter: { category: 'candidates', status: 'error' }, offset: 0, limit: 5, deferTotal: true }).total).toBe(
      page({ category: 'candidates', status: 'error' }).total,
    );
    expect(fetchPage(db, { filter: { category: 'candidates', search: 'C19' }, offset: 0, limit: 50, deferTotal: true }).total).toBe(11);
  });

  it('gives the same total whether the window is full, partial, exactly at the end or past it', () => {
    const search: GridFilter = { category: 'candidates', search: 'C1' }; // C1, C10–C19, C100–C199
    const matching = 1 + 10 + 100;
    for (const [offset, limit, rows] of [[0, 1000, matching], [0, 50, 50], [100, 50, 11], [100, 11, 11], [matching, 10, 0], [500, 10, 0]]) {
      const p = page(search, offset, limit);
      expect([offset, limit, p.rows.length, p.total]).toEqual([offset, limit, rows, matching]);
    }
  });

  it('gives each row its values, its issues with their fixes and its unmapped source columns', () => {
    const [row] = page({ category: 'candidates', recordIds: [1] }).rows;
    expect(row.key).toBe('C0');
    expect(row.values.atsCandidateId).toBe('C0');
    expect(row.extras).toEqual({ Recruiter: 'Recruiter 0', Notes: 'Surname: Jones' });
    const seconds = row.issues.find((i) => i.rule === 'date-seconds' && i.field === 'atsCreatedAt');
    expect(seconds?.severity).toBe('error');
    expect(seconds?.fix?.value).toBe((candidateValues(0).atsCreatedAt as number) * 1000);
    expect(row.status).toBe('error');
    expect(row.errorCount).toBe(row.issues.filter((i) => i.severity === 'error').length);
  });

  it('filters by rule to exactly the records with that issue', () => {
    const p = page({ category: 'candidates', rule: 'date-seconds' });
    expect(p.rows.map((r) => r.key)).toEqual(expectedCandidates((i) => i % 5 === 0));
    expect(p.total).toBe(p.rows.length);
  });

  it('filters by field to the records with an issue on it', () => {
    const keys = page({ category: 'candidates', field: 'lastName' }).rows.map((r) => r.key);
    expect(keys).toEqual(expectedCandidates((i) => i % 17 === 0));
  });

  it('filters by status, counting only records not excluded', () => {
    const errors = page({ category: 'candidates', status: 'error' });
    const compliant = page({ category: 'candidates', status: 'compliant' });
    expect(errors.total + compliant.total).toBe(N);
    expect(errors.rows.every((r) => r.status === 'error')).toBe(true);
    db.prepare("UPDATE records SET excluded = 1, exclude_reason = 'test' WHERE key = 'C0'").run();
    try {
      expect(page({ category: 'candidates', status: 'error' }).total).toBe(errors.total - 1);
      expect(page({ category: 'candidates', status: 'excluded' }).rows.map((r) => r.key)).toEqual(['C0']);
      expect(page({ category: 'candidates', status: ['excluded', 'compliant'] }).total).toBe(compliant.total + 1);
    } finally {
      db.prepare("UPDATE records SET excluded = 0, exclude_reason = NULL WHERE key = 'C0'").run();
    }
  });

  it('filters by sync status', () => {
    db.prepare("UPDATE records SET sync_status = 'failed' WHERE key IN ('C3', 'C4')").run();
    try {
      expect(page({ category: 'candidates', syncStatus: 'failed' }).rows.map((r) => r.key)).toEqual(['C3', 'C4']);
      expect(page({ category: 'candidates', syncStatus: 'none' }).total).toBe(N - 2);
    } finally {
      db.prepare("UPDATE records SET sync_status = NULL WHERE key IN ('C3', 'C4')").run();
    }
  });

  it('searches the key and current values, case-insensitively', () => {
    expect(page({ category: 'candidates', search: 'KOWALSKI13' }).rows.map((r) => r.key)).toEqual(['C13']);
    expect(page({ category: 'candidates', search: 'c299' }).rows.map((r) => r.key)).toEqual(['C299']);
  });

  it('does not match field names or JSON punctuation in a search', () => {
    expect(page({ category: 'candidates', search: 'manualMatched' }).total).toBe(0);
    expect(page({ category: 'candidates', search: '":"' }).total).toBe(0);
  });

  it('treats % and _ in a search as text', () => {
    expect(page({ category: 'candidates', search: '%' }).total).toBe(0);
    expect(page({ category: 'candidates', search: '_' }).total).toBe(0);
  });

  it('combines criteria with AND', () => {
    const keys = page({ category: 'candidates', rule: 'date-seconds', field: 'lastName' }).rows.map((r) => r.key);
    expect(keys).toEqual(expectedCandidates((i) => i % 5 === 0 && i % 17 === 0));
  });

  it('filters by a value, and by an empty value', () => {
    expect(page({ category: 'applications', value: { field: 'source', value: 'Agency' } }).total).toBe(12);
    expect(page({ category: 'candidates', value: { field: 'lastName', value: null } }).rows.map((r) => r.key)).toEqual(
      expectedCandidates((i) => i % 17 === 0),
    );
  });

  it('sorts by a field with empty cells last, and by issue count', () => {
    const byLast = page({ category: 'candidates' }, 0, N).rows;
    const sorted = fetchPage(db, { filter: { category: 'candidates' }, offset: 0, limit: N, sort: { column: 'lastName', direction: 'desc' } }).rows;
    expect(sorted.length).toBe(byLast.length);
    const names = sorted.map((r) => r.values.lastName);
    const filled = names.filter((n) => n !== null) as string[];
    expect(filled).toEqual([...filled].sort().reverse());
    expect(names.slice(filled.length).every((n) => n === null)).toBe(true);
    const byIssues = fetchPage(db, { filter: { category: 'candidates' }, offset: 0, limit: N, sort: { column: '$issues', direction: 'desc' } }).rows;
    for (let i = 1; i < byIssues.length; i++) expect(byIssues[i - 1].errorCount).toBeGreaterThanOrEqual(byIssues[i].errorCount);
  });

  it('lists the category fields, other fields found and the unmapped source columns', () => {
    const cols = gridColumns(db, 'candidates');
    expect(cols.fields.map((f) => f.name)).toEqual([
      'atsCandidateId', 'atsCreatedAt', 'atsLastModifiedAt', 'emailAddresses', 'externalProfileUrl', 'firstName', 'lastName',
      'manualMatchedMember',
    ]);
    expect(cols.fields[0].key).toBe(true);
    expect(cols.extras).toEqual(['Recruiter', 'Notes']);
  });
});

describe('the facets', () => {
  it('count records per rule and per field, with how many have a fix', () => {
    const f = fetchFacets(db, { category: 'candidates' });
    const seconds = f.rules.find((r) => r.rule === 'date-seconds');
    expect(seconds).toMatchObject({ records: expectedCandidates((i) => i % 5 === 0).length, severity: 'error' });
    expect(seconds?.fixable).toBe(seconds?.records);
    expect(f.fields.find((x) => x.field === 'lastName')?.records).toBe(expectedCandidates((i) => i % 17 === 0).length);
  });

  it('give each facet the count that clicking it selects', () => {
    const filter: GridFilter = { category: 'candidates', search: 'example' };
    const f = fetchFacets(db, filter);
    expect(f.total).toBe(page(filter).total);
    for (const r of f.rules) expect(page({ ...filter, rule: r.rule }).total).toBe(r.records);
    for (const x of f.fields) expect(page({ ...filter, field: x.field }).total).toBe(x.records);
    expect(f.statuses.error).toBe(page({ ...filter, status: 'error' }).total);
    expect(f.statuses.compliant).toBe(page({ ...filter, status: 'compliant' }).total);
  });

  it('count a facet without its own criterion, so the other rules stay visible', () => {
    const f = fetchFacets(db, { category: 'candidates', rule: 'date-seconds' });
    expect(f.total).toBe(expectedCandidates((i) => i % 5 === 0).length);
    expect(f.rules.length).toBeGreaterThan(1);
  });

  it('list distinct values with counts for short-valued fields only', () => {
    const f = fetchFacets(db, { category: 'applications' });
    const source = f.values.find((v) => v.field === 'source');
    expect(source?.distinct).toBe(SOURCES.length);
    expect(source?.values.map((v) => v.count).reduce((a, b) => a + b, 0)).toBe(60);
    for (const v of source?.values ?? []) {
      expect(page({ category: 'applications', value: { field: 'source', value: v.value } }).total).toBe(v.count);
    }
    expect(f.values.find((v) => v.field === 'candidateEmail')).toBeUndefined();
  });

  it('leave out a requested field whose values are many', () => {
    const f = fetchFacets(db, { category: 'candidates' }, { valueFields: ['externalProfileUrl', 'lastName'] });
    expect(f.values.map((v) => v.field)).toEqual(['lastName']);
  });
});

describe('the dashboard summary', () => {
  it('gives per category the header counts and the most frequent failing rules', () => {
    const s = workspaceSummary(db, 3);
    expect(s.categories.candidates.counts.total).toBe(N);
    expect(s.totals.total).toBe(N + 12 + 60);
    const top = s.categories.candidates.topRules;
    expect(top.length).toBe(3);
    for (let i = 1; i < top.length; i++) expect(top[i - 1].records).toBeGreaterThanOrEqual(top[i].records);
    expect(top.every((r) => r.severity !== 'info')).toBe(true);
  });
});

describe('value filters', () => {
  it('match exactly, with wildcard characters taken as text', () => {
    db.prepare("UPDATE record_values SET values_json = json_set(values_json, '$.lastName', 'Sm*th?[x]') WHERE record_id IN (SELECT id FROM records WHERE key = 'C8')").run();
    db.prepare("UPDATE record_values SET values_json = json_set(values_json, '$.lastName', 'Smyth?[x]') WHERE record_id IN (SELECT id FROM records WHERE key = 'C9')").run();
    try {
      expect(page({ category: 'candidates', value: { field: 'lastName', value: 'Sm*th?[x]' } }).rows.map((r) => r.key)).toEqual(['C8']);
      expect(page({ category: 'candidates', value: { field: 'lastName', value: 'sm*th?[x]' } }).total).toBe(0);
    } finally {
      db.prepare("UPDATE record_values SET values_json = json_set(values_json, '$.lastName', 'Smith') WHERE record_id IN (SELECT id FROM records WHERE key = 'C8')").run();
      db.prepare("UPDATE record_values SET values_json = json_set(values_json, '$.lastName', 'Jones') WHERE record_id IN (SELECT id FROM records WHERE key = 'C9')").run();
    }
  });

  it('match numbers by value, not by text', () => {
    const created = candidateValues(7).atsCreatedAt as number;
    expect(page({ category: 'candidates', value: { field: 'atsCreatedAt', value: created } }).rows.map((r) => r.key)).toEqual(['C7']);
    expect(page({ category: 'candidates', value: { field: 'atsCreatedAt', value: String(created) } }).total).toBe(0);
  });
});
