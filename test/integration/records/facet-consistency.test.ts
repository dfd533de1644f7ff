import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/core/db/connection';
import { fetchPage } from '../../../electron/core/records/page';
import { fetchFacets } from '../../../electron/core/records/facets';
import type { GridFilter } from '../../../shared/contract/records';
import { openSeeded } from './support/open-seeded';

let db: Db;
beforeAll(() => {
  ({ db } = openSeeded({ candidates: 300, jobs: 12, applications: 60 }));
  // Excluded records and failed syncs, so those criteria and counts have something to select.
  db.prepare("UPDATE records SET excluded = 1 WHERE category = 'candidates' AND key IN ('C0', 'C5', 'C10', 'C17', 'C34')").run();
  db.prepare("UPDATE records SET sync_status = 'failed' WHERE category = 'candidates' AND key IN ('C1', 'C5', 'C15', 'C25', 'C3')").run();
});
afterAll(() => db.close());

const total = (filter: GridFilter) => fetchPage(db, { filter, offset: 0, limit: 1 }).total;

/**
 * Every facet, status, sync, rules and fields alike, counts what clicking an entry selects: the
 * current view with all its other criteria, the facet's own criterion replaced by the entry.
 */
describe('facet counts follow the current filter, every facet alike', () => {
  const views: GridFilter[] = [
    { category: 'candidates' },
    { category: 'candidates', status: 'error' },
    { category: 'candidates', status: ['error', 'excluded'] },
    { category: 'candidates', syncStatus: 'failed' },
    { category: 'candidates', rule: 'date-seconds' },
    { category: 'candidates', rule: 'url-format', status: 'error' },
    { category: 'candidates', field: 'lastName' },
    { category: 'candidates', value: { field: 'firstName', value: 'Ada' } },
    { category: 'candidates', search: 'C1' },
    { category: 'candidates', recordIds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
    { category: 'candidates', search: 'example', rule: 'date-seconds', syncStatus: 'failed' },
  ];
  for (const view of views) {
    it(`in the view ${JSON.stringify(view)}`, () => {
      const f = fetchFacets(db, view);
      expect(f.total).toBe(total(view));
      for (const s of ['compliant', 'warning', 'error', 'excluded'] as const) expect(f.statuses[s], s).toBe(total({ ...view, status: s }));
      expect(f.sync.failed).toBe(total({ ...view, syncStatus: 'failed' }));
      for (const r of f.rules) expect(r.records, r.rule).toBe(total({ ...view, rule: r.rule }));
      for (const x of f.fields) expect(x.records, x.field).toBe(total({ ...view, field: x.field }));
      // A rule's "Fix all N" covers the records its count covers (see the records store's fixAll).
      for (const r of f.rules) expect(r.fixable).toBeLessThanOrEqual(r.records);
    });
  }
});
