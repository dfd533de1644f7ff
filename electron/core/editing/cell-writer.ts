import type { Db } from '../db/connection';
import { fieldPath } from '../records/json-path';
import { EXCLUDED_FIELD, cellJson, type PlannedChange } from './planned-change';
import { PROGRESS_BATCH, type EditProgress } from './progress';

/**
 * Writes cell values (and exclusions) to records. Values are patched in place with json_set so
 * that only the changed key is touched and the rest of values_json is never re-serialized.
 * Must run inside the caller's transaction.
 */
export class CellWriter {
  private readonly setValue;
  private readonly setExcluded;
  private readonly insertEdit;

  constructor(db: Db) {
    this.setValue = db.prepare('UPDATE records SET values_json = json_set(values_json, ?, json(?)) WHERE id = ?');
    this.setExcluded = db.prepare('UPDATE records SET excluded = ?, exclude_reason = ? WHERE id = ?');
    this.insertEdit = db.prepare(
      'INSERT INTO edits (operation_id, record_id, field, before_json, after_json, at) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /** Sets each cell to `after` (or, with `reverse`, back to `before`). */
  apply(changes: readonly PlannedChange[], progress: EditProgress, reverse = false, label = 'Writing'): void {
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i];
      const value = reverse ? c.before : c.after;
      if (c.field === EXCLUDED_FIELD) {
        const reason = typeof value === 'string' ? value : null;
        this.setExcluded.run(reason === null ? 0 : 1, reason, c.recordId);
      } else {
        this.setValue.run(this.path(c.field), cellJson(value), c.recordId);
      }
      if ((i + 1) % PROGRESS_BATCH === 0) {
        progress.throwIfCancelled();
        progress.progress(i + 1, changes.length, label);
      }
    }
  }

  private readonly paths = new Map<string, string>();

  private path(field: string): string {
    let p = this.paths.get(field);
    if (p === undefined) {
      p = fieldPath(field);
      this.paths.set(field, p);
    }
    return p;
  }

  /** Logs each change as an edit of the operation. */
  log(operationId: number, changes: readonly PlannedChange[], at: number): void {
    for (const c of changes) this.insertEdit.run(operationId, c.recordId, c.field, cellJson(c.before), cellJson(c.after), at);
  }
}
