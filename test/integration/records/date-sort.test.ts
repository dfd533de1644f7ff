import { describe, expect, it } from 'vitest';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { fetchPage } from '../../../electron/core/records/page';
import { setSetting } from '../../../electron/core/db/settings-table';
import { TIME_ZONE_SETTING } from '../../../electron/core/compliance';
import { tempDir } from '../../support/temp';
import { insertRecord } from '../compliance/workspace';
import { validRecord } from '../../unit/rsc/fixtures';
import { join } from 'node:path';

describe('sorting by a date field', () => {
  it('orders by the moment each value means, whatever form the source gave it, with unreadable values after the dates', () => {
    const db = openWorkspaceDb(join(tempDir('rscw-date-sort-'), 'w.rscw'));
    setSetting(db, TIME_ZONE_SETTING, 'Europe/Paris');
    const job = (id: string, listedAt: string | number) => insertRecord(db, 'jobs', { ...validRecord('jobs'), externalJobPostingId: id, listedAt });
    job('iso-march', '2025-03-01');                       // text, read in Paris
    job('epoch-january', Date.UTC(2025, 0, 15, 8, 30));  // epoch ms
    job('serial-february', 45_703);                      // Excel serial: 2025-02-15
    job('typo', 'soon');                                  // no reading
    job('iso-december-2024', '2024-12-24T10:00:00Z');    // a string sorting last as text
    const keys = (direction: 'asc' | 'desc') =>
      fetchPage(db, { filter: { category: 'jobs' }, sort: { column: 'listedAt', direction }, offset: 0, limit: 10 }).rows.map((r) => r.key);
    expect(keys('asc')).toEqual(['iso-december-2024', 'epoch-january', 'serial-february', 'iso-march', 'typo']);
    expect(keys('desc')).toEqual(['iso-march', 'serial-february', 'epoch-january', 'iso-december-2024', 'typo']);
    db.close();
  });
});

describe('searching for a date', () => {
  it('finds the records whose date reads as that day in the workspace zone, whatever form the value has', () => {
    const db = openWorkspaceDb(join(tempDir('rscw-date-search-'), 'w.rscw'));
    setSetting(db, TIME_ZONE_SETTING, 'Europe/Paris');
    const job = (id: string, listedAt: string | number) => insertRecord(db, 'jobs', { ...validRecord('jobs'), externalJobPostingId: id, listedAt });
    job('epoch', Date.UTC(2025, 0, 14, 23, 30)); // 2025-01-15 00:30 in Paris
    job('serial', 45_672); // 2025-01-15
    job('iso', '2025-01-15T08:00:00Z');
    job('other-day', '2025-01-16');
    const keys = (search: string) =>
      fetchPage(db, { filter: { category: 'jobs', search }, offset: 0, limit: 10 }).rows.map((r) => r.key).sort();
    expect(keys('2025-01-15')).toEqual(['epoch', 'iso', 'serial']);
    expect(keys('2025-01-15 09')).toEqual(['iso']);
    expect(keys('2025-01')).toEqual(['epoch', 'iso', 'other-day', 'serial']);
    db.close();
  });
});
