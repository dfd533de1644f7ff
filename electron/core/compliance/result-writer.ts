import type { Db } from '../db/connection';
import type { Category, Issue, RecordStatus } from '../../../shared/domain';
import { fnv1a32Parts } from '../../../shared/rsc/keys';

/** A record's key and references as its check computed them (stored in records.check_key, …). */
export interface KeyColumns {
  key: string | null;
  parentRef: string | null;
  candidateRef: string | null;
}

/** One record's outcome, ready to store. */
export interface CheckedRecord {
  id: number;
  issues: Issue[];
}

export interface StatusCounts {
  status: RecordStatus;
  errors: number;
  warnings: number;
  infos: number;
}

/** Errors block the sync; warnings and info do not, but a warning is worth a look. */
export function statusOf(issues: readonly Issue[]): StatusCounts {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const i of issues) {
    if (i.severity === 'error') errors++;
    else if (i.severity === 'warning') warnings++;
    else infos++;
  }
  return { status: errors ? 'error' : warnings ? 'warning' : 'compliant', errors, warnings, infos };
}

/**
 * A fingerprint of a result (records.check_hash): equal fingerprints and pack versions mean the
 * stored issues are already these, so the record need not be rewritten. Each issue is hashed
 * on its own (FNV-1a and a polynomial hash over its parts) and the issue hashes are combined in
 * order; the rule pack's shared, frozen issues (a missing field, an unsupported field) are
 * hashed once and remembered, since most records carry some of them.
 */
export function resultHash(issues: readonly Issue[]): string {
  if (issues.length === 0) return '-';
  let h1 = 0x811c9dc5;
  let h2 = 0;
  for (const issue of issues) {
    let pair = sharedHashes.get(issue);
    if (pair === undefined) {
      pair = issueHash(issue);
      if (Object.isFrozen(issue)) sharedHashes.set(issue, pair);
    }
    h1 = Math.imul(h1 ^ pair[0], 0x01000193);
    h2 = (Math.imul(h2, 0x9e3779b1) + pair[1]) | 0;
  }
  return `${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}.${issues.length}`;
}

const sharedHashes = new WeakMap<Issue, [number, number]>();

/** records.check_hash: the result's fingerprint together with the key and references stored beside it. */
export function checkHash(issues: readonly Issue[], keys: KeyColumns): string {
  return `${resultHash(issues)}:${fnv1a32Parts([keys.key, keys.parentRef, keys.candidateRef])}`;
}

function issueHash(i: Issue): [number, number] {
  let text = `${i.rule}\u001f${i.field}\u001f${i.severity}\u001f${i.message}`;
  if (i.fix) text += `\u001f${i.fix.label}\u001f${typeof i.fix.value}\u001f${JSON.stringify(i.fix.value)}`;
  let h1 = 0x811c9dc5;
  let h2 = text.length;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = (Math.imul(h2, 31) + c) | 0;
  }
  return [h1, h2];
}

/**
 * Collects a full check's changed results and stores them in batches: one DELETE and one INSERT
 * per batch with the ids and issue rows passed as a JSON array that SQLite unpacks itself
 * (json_each), instead of a statement per issue; one UPDATE per record (its row must be rewritten
 * anyway). Must be used inside the caller's transaction.
 */
export class ResultBatch {
  private pending: { id: number; category: Category; issues: Issue[]; hash: string; keys: KeyColumns }[] = [];
  private readonly deleteIssues;
  private readonly insertIssues;
  private readonly updateRecord;

  constructor(db: Db, private readonly packVersion: string, private readonly checkedAt: number) {
    this.deleteIssues = db.prepare('DELETE FROM record_issues WHERE record_id IN (SELECT value FROM json_each(?))');
    this.insertIssues = db.prepare(
      `INSERT INTO record_issues (record_id, category, rule, field, severity, message, fix_json)
       SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6 FROM json_each(?)`,
    );
    this.updateRecord = db.prepare(
      `UPDATE records SET status = ?, error_count = ?, warning_count = ?, info_count = ?, pack_version = ?, checked_at = ?,
              check_hash = ?, check_key = ?, check_parent = ?, check_candidate = ? WHERE id = ?`,
    );
  }

  /** Results queued and not yet written. */
  get size(): number {
    return this.pending.length;
  }

  /**
   * Queues the result unless it equals the stored one; true when queued. `currentHash` is the
   * stored fingerprint when it was made with this pack version, else null.
   */
  addIfChanged(category: Category, id: number, currentHash: string | null, issues: Issue[], keys: KeyColumns): boolean {
    const hash = checkHash(issues, keys);
    if (hash === currentHash) return false;
    this.add(category, id, issues, hash, keys);
    return true;
  }

  /** Queues a result already known to differ from the stored one, with its fingerprint. */
  add(category: Category, id: number, issues: Issue[], hash: string, keys: KeyColumns): void {
    this.pending.push({ id, category, issues, hash, keys: { key: keys.key, parentRef: keys.parentRef, candidateRef: keys.candidateRef } });
  }

  /** Writes what is queued. Not while a statement of this connection is being iterated. */
  flush(): void {
    if (this.pending.length === 0) return;
    const ids: number[] = [];
    const rows: unknown[][] = [];
    for (const r of this.pending) {
      const c = statusOf(r.issues);
      this.updateRecord.run(
        c.status, c.errors, c.warnings, c.infos, this.packVersion, this.checkedAt, r.hash,
        r.keys.key, r.keys.parentRef, r.keys.candidateRef, r.id,
      );
      ids.push(r.id);
      for (const i of r.issues) {
        rows.push([r.id, r.category, i.rule, i.field, i.severity, i.message, i.fix ? JSON.stringify(i.fix) : null]);
      }
    }
    this.deleteIssues.run(JSON.stringify(ids));
    if (rows.length) this.insertIssues.run(JSON.stringify(rows));
    this.pending = [];
  }
}
