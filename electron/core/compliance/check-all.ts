import type { Db } from '../db/connection';
import type { CheckRunResult } from '../../../shared/contract/rules';
import { setSetting } from '../db/settings-table';
import type { Category, FieldValues, Issue } from '../../../shared/domain';
import { checkRecordInPlace } from '../../../shared/rsc/check';
import { checkCrossRecord, duplicateKeyIssue, type CrossLookups } from '../../../shared/rsc/cross';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import { cancelled } from '../jobs/errors';
import { CheckContexts, type ContextOverrides } from './check-context';
import { keyOfNormalized, referencesOf, type IndexEntry } from './record-index';
import { checkHash, ResultBatch } from './result-writer';
import { ScanHelper } from './scan-helper';
import { chunkRange, decodeChunk, type ScanChunks } from './scan-protocol';
import { CATEGORY_ORDER, SCAN_COLUMNS, scanRecord, type ScanRow, type ScannedRecord } from './scan-record';

export interface CheckAllOptions extends ContextOverrides {
  onProgress?: (done: number, total: number, message: string) => void;
  /** Polled between batches; when it returns true the check stops and nothing is written. */
  isCancelled?: () => boolean;
  /**
   * From how many records the scan is shared with a second thread (scan-helper.ts); default
   * PARALLEL_FROM. Only a check that opens its own transaction can share it.
   */
  parallelFrom?: number;
  /** Tests: let the second thread take its first chunk before this one starts, so it has a share of even a few records. */
  helperFirst?: boolean;
}

export type CheckAllResult = CheckRunResult;

type Entry = Omit<IndexEntry, 'category'>;

/** Settings key of the last full check: {"at": ms, "packVersion": "…", "timeZone": "…", "records": N}. */
export const LAST_CHECK_SETTING = 'compliance.lastFullCheck';

const BATCH = 5_000;

/**
 * Below this many records a second thread costs more to start (~50 ms built, more from sources)
 * than it saves; above it, the check takes ~70% of the time on one thread.
 */
export const PARALLEL_FROM = 20_000;

/**
 * Checks every record of the workspace, in one transaction (a cancelled or failed check leaves
 * the previous results untouched), in one sequential scan of the records table.
 *
 * Each record is finished as soon as it is read, unless its outcome depends on records not yet
 * seen; those few are revisited by id after the scan, when every key is known, so the order of
 * records in the file does not matter and nothing is held in memory for the rest:
 * - a reference to a job, candidate or application that has not turned up (yet);
 * - a possible duplicate key. records.key is UNIQUE per category, so two records can only share
 *   a key when at least one of them has a key (computed from its current values) that differs
 *   from its stored one, i.e. a key field was edited. Only those records, and the holders of
 *   their new keys, are candidates; every other record's key is unique by construction.
 *
 * On a large workspace the scan is shared with a second thread (scan-helper.ts) that reads on
 * its own connection: both take chunks of ids from one counter, and every chunk's verdicts are
 * settled here in id order, exactly as if this thread had read them all, so the outcome is the
 * same. The reading, the JSON parsing and the rules, most of a check, run on two cores.
 *
 * Only records whose result differs from the stored one (records.check_hash) are rewritten,
 * since rewriting a record row costs several times reading it: records.checked_at is when the
 * record's current result was established, and the time of the full check itself goes to the
 * LAST_CHECK_SETTING.
 */
export function checkAll(db: Db, opts: CheckAllOptions = {}): CheckAllResult {
  const started = performance.now();
  const contexts = new CheckContexts(db, opts);
  const checkedAt = contexts.now;
  // Decided before the transaction: only a transaction of its own can be IMMEDIATE, which a
  // helper's connection needs to see exactly what this one sees.
  const mayShare = !db.inTransaction;

  const run = db.transaction((): { checked: number; changed: number; threads: number } => {
    // Keys present per referenced category (excluded records included: they are still imported).
    const present = { jobs: new Set<string>(), candidates: new Set<string>(), applications: new Set<string>() };
    const lookups: CrossLookups = { jobIds: present.jobs, candidateIds: present.candidates, applicationIds: present.applications };
    const moved: Record<Category, Map<string, number[]>> = { jobs: new Map(), candidates: new Map(), applications: new Map(), stages: new Map() };
    const batch = new ResultBatch(db, RULE_PACK_VERSION, checkedAt);
    const revisit = new Set<number>();
    // Records rewritten during the scan, with the fingerprint stored before: a record that kept
    // its key can turn out, after the scan, to share it with one whose key moved onto it; its
    // revisit then restores the result it had, and it must not count as changed.
    const scanWritten = new Map<number, string | null>();
    const total = (db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    const chunks = mayShare && total >= (opts.parallelFrom ?? PARALLEL_FROM) ? scanChunks(db) : null;
    const helper = chunks && ScanHelper.start(db, chunks, { timeZone: contexts.timeZone, now: checkedAt });
    const scan = db.prepare(`SELECT ${SCAN_COLUMNS} FROM records_wide WHERE id > ? AND id <= ? ORDER BY id`).raw();

    let done = 0;
    let changed = 0;
    /** Settles one record's scan verdict; true when the batch is full and should be written. */
    const settle = (s: Readonly<ScannedRecord>): boolean => {
      let deferred = false;
      if (s.keyMoved) {
        const ids = moved[s.category].get(s.key!);
        if (ids) ids.push(s.id);
        else moved[s.category].set(s.key!, [s.id]);
        deferred = true;
      }
      switch (s.category) {
        case 'jobs':
        case 'candidates':
          if (s.key !== null) present[s.category].add(s.key);
          break;
        case 'applications':
          if (s.key !== null) present.applications.add(s.key);
          if (
            (s.parentRef !== null && !present.jobs.has(s.parentRef)) ||
            (s.candidateRef !== null && !present.candidates.has(s.candidateRef))
          ) {
            deferred = true;
          }
          break;
        case 'stages':
          if (s.parentRef !== null && !present.applications.has(s.parentRef)) deferred = true;
          break;
      }
      if (deferred) revisit.add(s.id);
      else if (s.changed) {
        batch.add(s.category, s.id, s.changed.issues, s.changed.hash, s);
        changed++;
        scanWritten.set(s.id, s.storedHash);
      }
      if (++done % BATCH !== 0) return false;
      if (opts.isCancelled?.()) throw cancelled();
      opts.onProgress?.(done, total, 'Checking records');
      return batch.size >= BATCH;
    };

    try {
      if (helper && chunks) {
        // Chunks in id order, each settled once every chunk before it is: this thread's own as
        // soon as they are scanned and their turn comes, the helper's as they arrive.
        const own = new Map<number, ScannedRecord[]>();
        let next = 0;
        const settleReady = (wait: boolean) => {
          while (next < chunks.count) {
            const mine = own.get(next);
            const theirs = mine ? undefined : wait ? helper.waitFor(next) : helper.take(next);
            if (!mine && !theirs) return;
            own.delete(next);
            if (mine) for (const s of mine) if (settle(s)) batch.flush();
            if (theirs) decodeChunk(theirs, (s) => settle(s) && batch.flush());
            next++;
            batch.flush();
          }
        };
        if (opts.helperFirst) helper.waitUntilStarted();
        for (let k = helper.claim(); k !== null; k = helper.claim()) {
          const { afterId, lastId } = chunkRange(chunks, k);
          const records: ScannedRecord[] = [];
          for (const row of scan.iterate(afterId, lastId) as IterableIterator<ScanRow>) {
            const scanned = scanRecord(row, contexts);
            if (scanned) records.push(scanned);
          }
          own.set(k, records);
          settleReady(false);
        }
        // Every chunk is taken: the rest are the helper's, or this thread's waiting their turn.
        settleReady(true);
      } else {
        let lastId = 0;
        let more = true;
        while (more) {
          // One iterator until changed results pile up: better-sqlite3 allows no writes while a
          // statement is iterating, so the scan pauses, writes, and resumes after the last id.
          more = false;
          for (const row of scan.iterate(lastId, Number.MAX_SAFE_INTEGER) as IterableIterator<ScanRow>) {
            lastId = row[0];
            const scanned = scanRecord(row, contexts);
            if (scanned && settle(scanned)) {
              more = true;
              break;
            }
          }
          batch.flush();
        }
      }
    } finally {
      helper?.stop();
    }

    const duplicates = duplicateCounts(db, moved, revisit);
    const byId = db.prepare(`SELECT ${SCAN_COLUMNS} FROM records_wide WHERE id = ?`).raw();
    for (const id of revisit) {
      const row = byId.get(id) as ScanRow | undefined;
      const category = row && CATEGORY_ORDER[row[1]];
      if (!row || category === undefined) continue;
      const result = checkRecordInPlace(category, JSON.parse(row[4]) as FieldValues, contexts.for(category, row[2]));
      const entry = entryOf(category, result.normalized, row[3] !== 0);
      const cross = crossIssues(category, entry, lookups, { activeWithKey: (key) => duplicates[category].get(key) ?? 1 });
      const issues = cross.length ? result.issues.concat(cross) : result.issues;
      const wrote = batch.addIfChanged(category, id, row[5], issues, entry);
      if (!scanWritten.has(id)) {
        if (wrote) changed++;
      } else if (checkHash(issues, entry) === scanWritten.get(id)) {
        changed--;
      }
      if (batch.size >= BATCH) batch.flush();
    }
    if (opts.isCancelled?.()) throw cancelled();
    batch.flush();
    setSetting(
      db, LAST_CHECK_SETTING,
      JSON.stringify({ at: checkedAt, packVersion: RULE_PACK_VERSION, timeZone: contexts.timeZone, records: done }),
    );
    return { checked: done, changed, threads: helper?.tookChunks() ? 2 : 1 };
  });

  // IMMEDIATE: no other writer may commit between this snapshot and the helper's.
  const { checked, changed, threads } = mayShare ? run.immediate() : run();
  opts.onProgress?.(checked, checked, 'Checked');
  return {
    checked, changed, packVersion: RULE_PACK_VERSION, checkedAt, timeZone: contexts.timeZone,
    durationMs: performance.now() - started,
    threads,
  };
}

/** The records' id span in chunks shared with the helper: ~256 of them, at least 2,000 ids each. */
function scanChunks(db: Db): ScanChunks | null {
  const span = db.prepare('SELECT min(id) AS first, max(id) AS last FROM records').get() as { first: number | null; last: number | null };
  if (span.first === null || span.last === null) return null;
  const width = Math.max(2_000, Math.ceil((span.last - span.first + 1) / 256));
  return { firstId: span.first, width, count: Math.ceil((span.last - span.first + 1) / width) };
}

/**
 * For every key a record moved to (computed ≠ stored), the number of non-excluded records
 * holding it: the moved records themselves plus the record still stored under that key, unless
 * that one moved away too. Adds every holder of a shared key to `revisit`.
 */
function duplicateCounts(
  db: Db, moved: Record<Category, Map<string, number[]>>, revisit: Set<number>,
): Record<Category, Map<string, number>> {
  const out: Record<Category, Map<string, number>> = { jobs: new Map(), candidates: new Map(), applications: new Map(), stages: new Map() };
  const movedIds = new Set<number>();
  for (const byKey of Object.values(moved)) for (const ids of byKey.values()) for (const id of ids) movedIds.add(id);
  if (movedIds.size === 0) return out;
  const storedHolder = db.prepare('SELECT id FROM records WHERE category = ? AND key = ?').pluck();
  const excludedOf = db.prepare('SELECT excluded FROM records WHERE id = ?').pluck();
  for (const category of Object.keys(moved) as Category[]) {
    for (const [key, ids] of moved[category]) {
      const holders = [...ids];
      const stayed = storedHolder.get(category, key) as number | undefined;
      if (stayed !== undefined && !movedIds.has(stayed)) holders.push(stayed);
      const active = holders.filter((id) => (excludedOf.get(id) as number) === 0).length;
      out[category].set(key, active);
      if (active > 1) for (const id of holders) revisit.add(id);
    }
  }
  return out;
}

function entryOf(category: Category, normalized: FieldValues, excluded: boolean): Entry {
  const refs = referencesOf(category, normalized);
  return { key: keyOfNormalized(category, normalized), excluded, parentRef: refs.parentRef, candidateRef: refs.candidateRef };
}

/**
 * Issues for references to records not imported. With `final` false (during a scan) a reference
 * not found yet returns null, "decide later": the referenced record may still come.
 */
function referenceIssues(category: Category, entry: Entry, lookups: CrossLookups, final: boolean): Issue[] | null {
  if (category === 'applications') {
    const jobOk = entry.parentRef === null || lookups.jobIds.has(entry.parentRef);
    const candidateOk = entry.candidateRef === null || lookups.candidateIds.has(entry.candidateRef);
    if (jobOk && candidateOk) return NONE;
    if (!final) return null;
    return checkCrossRecord(category, { atsJobPostingId: entry.parentRef, atsCandidateId: entry.candidateRef }, lookups);
  }
  if (category === 'stages') {
    if (entry.parentRef === null || lookups.applicationIds.has(entry.parentRef)) return NONE;
    if (!final) return null;
    return checkCrossRecord(category, { atsJobApplicationId: entry.parentRef }, lookups);
  }
  return NONE;
}

const NONE: Issue[] = [];

/**
 * Reference and duplicate-key issues of one record, once every key is known. `keys` answers how
 * many non-excluded records of its category hold a key.
 */
export function crossIssues(
  category: Category, entry: Entry, lookups: CrossLookups, keys: { activeWithKey(key: string): number },
): Issue[] {
  const refs = referenceIssues(category, entry, lookups, true) ?? NONE;
  if (entry.excluded || entry.key === null) return refs;
  const n = keys.activeWithKey(entry.key);
  return n > 1 ? [...refs, duplicateKeyIssue(category, entry.key, n)] : refs;
}
