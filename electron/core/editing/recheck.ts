import type { Db } from '../db/connection';
import { CATEGORIES, type Category } from '../../../shared/domain';
import { checkAll, recheckRecords } from '../compliance';

/**
 * The re-check of the records an edit could not settle in memory (CellWriter: a key, a
 * reference or a shared key's exclusion changed, or no current stored result). Targeted (recheckRecords: the touched records and those whose
 * cross-record rules depend on them) unless the edit touched a large share of the workspace:
 * then a full check is faster, because it reads in one scan and rewrites only results that
 * changed, and its outcome is the same or more complete. Measured on 100,000 records: building
 * the targeted re-check's index 1.0 s (every job's connection is new), then 0.12 ms per record;
 * a full check 2.8 s. So past ~15% of the records, check everything.
 *
 * `prepare` must run before the edit writes anything: the targeted re-check finds changed keys
 * by comparing with its index of the records as they were, which a connection that has none yet
 * (a job's) would otherwise build from the already edited values.
 */
export class Recheck {
  private constructor(
    private readonly db: Db,
    private readonly ids: readonly number[],
    private readonly full: boolean,
  ) {}

  static prepare(db: Db, ids: readonly number[]): Recheck {
    const full = ids.length >= FULL_CHECK_MIN && ids.length >= FULL_CHECK_SHARE * totalRecords(db);
    if (!full) recheckRecords(db, []);
    return new Recheck(db, ids, full);
  }

  /** Runs the re-check; returns the categories whose results may have changed. */
  run(): Category[] {
    if (!this.full) return recheckRecords(this.db, this.ids).categories;
    checkAll(this.db);
    const present = this.db.prepare('SELECT DISTINCT category FROM records').pluck().all() as string[];
    return CATEGORIES.filter((c) => present.includes(c));
  }
}

export const FULL_CHECK_MIN = 10_000;
const FULL_CHECK_SHARE = 0.15;

function totalRecords(db: Db): number {
  return db.prepare('SELECT count(*) FROM records').pluck().get() as number;
}
