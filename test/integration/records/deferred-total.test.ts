// In a workspace of hundreds of thousands of records the rows of a window come before its total,
// even for a view an index counts: counting the category's index outlasts the window.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openWorkspaceDb, type Db } from '../../../electron/core/db/connection';
import { countView, DEFER_COUNT_FROM, fetchPage } from '../../../electron/core/records/page';
import { recordInserter } from '../../support/record-rows';
import { tempDir } from '../../support/temp';

let db: Db | null = null;
afterEach(() => {
  db?.close();
  db = null;
});

function workspace(highestId: number): Db {
  db = openWorkspaceDb(join(tempDir('rscw-deferred-'), 'w.rscw'));
  const insert = recordInserter(db, ['id', 'category', 'key', 'original_json', 'values_json', 'status']);
  for (let i = 1; i <= 30; i++) insert(i === 30 ? highestId : i, 'candidates', `C${i}`, '{}', '{}', i % 3 === 0 ? 'error' : 'compliant');
  return db;
}

describe('the total of a grid window', () => {
  it('comes with the rows in a workspace of up to DEFER_COUNT_FROM records', () => {
    const db = workspace(DEFER_COUNT_FROM);
    expect(fetchPage(db, { filter: { category: 'candidates' }, offset: 0, limit: 10, deferTotal: true }).total).toBe(30);
  });

  it('follows the rows in a larger one, for any view, and a window that ends the view still knows it', () => {
    const db = workspace(DEFER_COUNT_FROM + 1);
    for (const filter of [{ category: 'candidates' }, { category: 'candidates', status: 'error' }] as const) {
      const page = fetchPage(db, { filter, offset: 0, limit: 5, deferTotal: true });
      expect(page.rows).toHaveLength(5);
      expect(page.total).toBeNull();
      const total = countView(db, filter);
      expect(total).toBe(filter.status ? 10 : 30);
      // Counted once for this state of the workspace: the next window has it at once.
      expect(fetchPage(db, { filter, offset: 5, limit: 5, deferTotal: true }).total).toBe(total);
    }
    expect(fetchPage(db, { filter: { category: 'candidates' }, offset: 25, limit: 10, deferTotal: true }).total).toBe(30);
    // Without deferTotal (the command line, exports) the total is always counted.
    expect(fetchPage(db, { filter: { category: 'candidates' }, offset: 0, limit: 5 }).total).toBe(30);
  });
});
