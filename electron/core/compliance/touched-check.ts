import type { Db } from '../db/connection';
import { isCategory, type Category, type FieldValues, type Issue, type Severity } from '../../../shared/domain';
import { checkRecord } from '../../../shared/rsc/check';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import { CheckContexts, type ContextOverrides } from './check-context';
import { checkHash, statusOf, type KeyColumns, type StatusCounts } from './result-writer';
import { keyOfNormalized, referencesOf } from './record-index';

/**
 * A record an edit is about to rewrite, as stored before the edit, with the values it will hold.
 * The editor has the row in memory anyway (it must rewrite it), so the check needs no read.
 */
export interface TouchedRecord {
  id: number;
  category: string;
  sheetId: number | null;
  /** Values after the edit (not normalized: they are what gets stored). */
  values: FieldValues;
  excluded: boolean;
  excludedBefore: boolean;
  stored: StoredResult;
}

/** The compliance columns of a row as stored; `hash` only when made with this pack version. */
export interface StoredResult {
  hash: string | null;
  status: string;
  errors: number;
  warnings: number;
  infos: number;
  keys: KeyColumns;
}

/** The columns that fill a StoredResult, of the records table aliased `alias` (its `?` is STORED_RESULT_PARAMS). */
export function storedResultColumns(alias: string): string {
  const a = `${alias}.`;
  return `CASE WHEN ${a}pack_version = ? THEN ${a}check_hash END, ${a}status, ${a}error_count, ${a}warning_count, ${a}info_count, ` +
    `${a}check_key, ${a}check_parent, ${a}check_candidate`;
}
export type StoredResultTuple = [
  hash: string | null, status: string, errors: number, warnings: number, infos: number,
  key: string | null, parent: string | null, candidate: string | null,
];
export const STORED_RESULT_PARAMS: readonly unknown[] = [RULE_PACK_VERSION];

export function storedResultOf(t: StoredResultTuple): StoredResult {
  return {
    hash: t[0], status: t[1], errors: t[2], warnings: t[3], infos: t[4],
    keys: { key: t[5], parentRef: t[6], candidateRef: t[7] },
  };
}

/** A settled record's new result: null when the stored one still holds. */
export interface NewResult {
  counts: StatusCounts;
  hash: string;
  issues: Issue[];
  category: Category;
}

/**
 * The re-check of records an edit rewrites, decided before the rows are written so that values
 * and result go to disk in one UPDATE per record. A record is settled here when the edit cannot
 * change any cross-record outcome through it: its key and references are those last checked,
 * and either its exclusion is unchanged or no other record holds its key. Its cross-record
 * issues (references, duplicate key) then are the stored ones, so only its own rules run (the
 * pure checkRecord, no re-read, no re-parse). Every other record (a key or reference edited, an
 * exclusion changed on a shared key, never checked or checked by another pack version) is
 * deferred to recheckRecords after the write, which also re-checks the records it affects.
 */
export class TouchedChecker {
  private readonly contexts: CheckContexts;
  private readonly crossRows;
  private readonly sharedKeysOf;
  private readonly crossCache = new Map<Category, Map<number, Issue[]>>();
  private readonly sharedCache = new Map<Category, Set<string>>();

  constructor(db: Db, overrides: ContextOverrides = {}) {
    this.contexts = new CheckContexts(db, overrides);
    this.crossRows = db
      .prepare(
        `SELECT record_id, rule, field, severity, message FROM record_issues
          WHERE category = ? AND rule IN ('job-not-imported', 'candidate-not-imported', 'application-not-imported', 'duplicate-key')`,
      )
      .raw();
    this.sharedKeysOf = db
      .prepare('SELECT check_key FROM records WHERE category = ? AND check_key IS NOT NULL GROUP BY check_key HAVING count(*) > 1')
      .pluck();
  }

  get checkedAt(): number {
    return this.contexts.now;
  }

  /** The new result of a settled record (null: unchanged), or 'deferred'. */
  check(r: TouchedRecord): NewResult | null | 'deferred' {
    if (r.stored.hash === null || !isCategory(r.category)) return 'deferred';
    const category = r.category;
    const { issues, normalized } = checkRecord(category, r.values, this.contexts.for(category, r.sheetId));
    const key = keyOfNormalized(category, normalized);
    const refs = referencesOf(category, normalized);
    const stored = r.stored.keys;
    if (key !== stored.key || refs.parentRef !== stored.parentRef || refs.candidateRef !== stored.candidateRef) return 'deferred';
    if (r.excluded !== r.excludedBefore && key !== null && this.sharedKeys(category).has(key)) return 'deferred';
    const cross = this.storedCross(category).get(r.id);
    const all = cross ? issues.concat(cross) : issues;
    const hash = checkHash(all, { key, ...refs });
    if (hash === r.stored.hash) return null;
    return { counts: statusOf(all), hash, issues: all, category };
  }

  /**
   * check() for a record whose values the edit leaves alone (an exclusion or its reason): its own
   * rules cannot change, so nothing is parsed; only a key shared with another record can.
   */
  checkExclusion(r: TouchedRecord): null | 'deferred' {
    if (r.stored.hash === null || !isCategory(r.category)) return 'deferred';
    const key = r.stored.keys.key;
    if (r.excluded !== r.excludedBefore && key !== null && this.sharedKeys(r.category).has(key)) return 'deferred';
    return null;
  }

  /** Stored cross-record issues of a category's records, in the order the check appends them. */
  private storedCross(category: Category): Map<number, Issue[]> {
    let byRecord = this.crossCache.get(category);
    if (byRecord) return byRecord;
    byRecord = new Map();
    for (const [id, rule, field, severity, message] of this.crossRows.iterate(category) as IterableIterator<
      [number, string, string, Severity, string]
    >) {
      const list = byRecord.get(id);
      const issue: Issue = { rule, field, severity, message };
      if (list) list.push(issue);
      else byRecord.set(id, [issue]);
    }
    for (const list of byRecord.values()) if (list.length > 1) list.sort((a, b) => CROSS_ORDER[a.rule] - CROSS_ORDER[b.rule]);
    this.crossCache.set(category, byRecord);
    return byRecord;
  }

  /** Keys (as last checked) held by more than one record of the category. */
  private sharedKeys(category: Category): Set<string> {
    let keys = this.sharedCache.get(category);
    if (!keys) {
      keys = new Set(this.sharedKeysOf.all(category) as string[]);
      this.sharedCache.set(category, keys);
    }
    return keys;
  }
}

// checkCrossRecord's order (job, candidate; application), then crossIssues' duplicate key.
const CROSS_ORDER: Record<string, number> = {
  'job-not-imported': 0, 'candidate-not-imported': 1, 'application-not-imported': 2, 'duplicate-key': 3,
};

/**
 * Replaces the stored issues of records whose result changed: one DELETE and one INSERT per
 * batch, the ids and issue rows passed as JSON that SQLite unpacks (json_each). Inside the
 * caller's transaction.
 */
export class IssueReplacer {
  private ids: number[] = [];
  private rows: unknown[][] = [];
  private readonly deleteIssues;
  private readonly deleteRows;
  private readonly insertIssues;

  constructor(db: Db) {
    this.deleteIssues = db.prepare('DELETE FROM record_issues WHERE record_id IN (SELECT value FROM json_each(?))');
    this.deleteRows = db.prepare('DELETE FROM record_issues WHERE rowid IN (SELECT value FROM json_each(?))');
    this.insertIssues = db.prepare(
      `INSERT INTO record_issues (record_id, category, rule, field, severity, message, fix_json)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 FROM json_each(?)`,
    );
  }

  add(id: number, category: Category, issues: readonly Issue[]): void {
    this.ids.push(id);
    for (const i of issues) this.rows.push([id, category, i.rule, i.field, i.severity, i.message, i.fix ? JSON.stringify(i.fix) : null]);
    if (this.ids.length >= 5_000) this.flush();
  }

  /**
   * Writes a difference at once: the stored rows gone (rowids) and the new rows ([record_id,
   * category, rule, field, severity, message, fix_json]), leaving the issues that stay in place.
   */
  replaceRows(gone: readonly number[], added: readonly unknown[][]): void {
    if (gone.length) this.deleteRows.run(JSON.stringify(gone));
    if (added.length) this.insertIssues.run(JSON.stringify(added));
  }

  flush(): void {
    if (this.ids.length === 0) return;
    this.deleteIssues.run(JSON.stringify(this.ids));
    if (this.rows.length) this.insertIssues.run(JSON.stringify(this.rows));
    this.ids = [];
    this.rows = [];
  }
}
