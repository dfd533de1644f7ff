import type { Db } from '../db/connection';
import type { Category, FieldValues } from '../../../shared/domain';
import type { EntityOutcome } from './batch-results';

export interface SyncableRecord {
  id: number;
  key: string;
  /** records.values_json, parsed only when the record's payload is built. */
  valuesJson: string;
  syncStatus: 'succeeded' | 'failed' | 'pending' | null;
  syncHash: string | null;
  rejectedHash: string | null;
  linkedinUrn: string | null;
}

export function parseValues(record: SyncableRecord): FieldValues {
  return JSON.parse(record.valuesJson) as FieldValues;
}

/** Only records the compliance engine passed (warnings allowed) and nobody excluded are ever sent. */
export function eligibleRecords(db: Db, category: Category): SyncableRecord[] {
  return db
    .prepare(
      `SELECT id, key, values_json AS valuesJson, sync_status AS syncStatus, sync_hash AS syncHash,
              sync_rejected_hash AS rejectedHash, linkedin_urn AS linkedinUrn
       FROM records WHERE category = ? AND status IN ('compliant', 'warning') AND excluded = 0 ORDER BY id`,
    )
    .all(category) as SyncableRecord[];
}

export function recordIdsWithOpenTasks(db: Db): Set<number> {
  const rows = db.prepare("SELECT DISTINCT record_id FROM sync_tasks WHERE status = 'IN_PROGRESS'").all() as {
    record_id: number;
  }[];
  return new Set(rows.map((r) => r.record_id));
}

/**
 * Writes the outcomes of one acknowledged request. Call inside the transaction that also inserts
 * the request's exchange row: after a crash either both are in the workspace or neither is, so
 * an acknowledged batch is never resent and an unacknowledged one always is.
 */
export class RecordResultWriter {
  private readonly succeeded;
  private readonly succeededMany;
  private readonly failed;
  private readonly pending;
  private readonly insertTask;

  constructor(private readonly db: Db) {
    this.succeeded = db.prepare(`UPDATE records SET sync_status = 'succeeded', sync_message = NULL, sync_hash = ?,
      sync_rejected_hash = NULL, synced_at = ?, sync_exchange_id = ?, linkedin_urn = COALESCE(?, linkedin_urn) WHERE id = ?`);
    // A whole batch's successes in one statement: SQLite walks the list, not 100 calls from JS.
    this.succeededMany = db.prepare(`UPDATE records SET sync_status = 'succeeded', sync_message = NULL, sync_hash = v.hash,
      sync_rejected_hash = NULL, synced_at = ?, sync_exchange_id = ?
      FROM (SELECT value ->> 0 AS id, value ->> 1 AS hash FROM json_each(?)) AS v WHERE records.id = v.id`);
    this.failed = db.prepare(`UPDATE records SET sync_status = 'failed', sync_message = ?, sync_rejected_hash = ?,
      synced_at = ?, sync_exchange_id = ? WHERE id = ?`);
    this.pending = db.prepare(`UPDATE records SET sync_status = 'pending', sync_message = ?, sync_rejected_hash = NULL,
      synced_at = ?, sync_exchange_id = ? WHERE id = ?`);
    this.insertTask = db.prepare(`INSERT OR REPLACE INTO sync_tasks
      (task_urn, record_id, run_id, exchange_id, payload_hash, status, created_at, next_poll_at, polls)
      VALUES (?, ?, ?, ?, ?, 'IN_PROGRESS', ?, ?, 0)`);
  }

  writeOutcomes(
    outcomes: readonly EntityOutcome[],
    context: { exchangeId: number | null; at: number; runId: number; firstPollAt: number },
  ): void {
    const { exchangeId, at, runId, firstPollAt } = context;
    const succeeded: [number, string][] = [];
    for (const o of outcomes) {
      const { recordId, payload } = o.item;
      if (o.kind === 'succeeded') succeeded.push([recordId, payload.hash]);
      else if (o.kind === 'task') {
        this.pending.run(`LinkedIn is processing the job (task ${o.taskUrn}).`, at, exchangeId, recordId);
        this.insertTask.run(o.taskUrn, recordId, runId, exchangeId, payload.hash, at, firstPollAt);
      } else this.failed.run(o.message, o.rejected ? payload.hash : null, at, exchangeId, recordId);
    }
    if (succeeded.length > 0) this.succeededMany.run(at, exchangeId, JSON.stringify(succeeded));
  }

  /** A job's task finished: SUCCEEDED carries the job posting URN, FAILED LinkedIn's message. */
  resolveTask(
    task: { taskUrn: string; recordId: number; payloadHash: string },
    result: { succeeded: boolean; jobPosting: string | null; message: string | null; rejected: boolean; status: string },
    context: { exchangeId: number; at: number },
  ): void {
    this.db
      .prepare('UPDATE sync_tasks SET status = ?, resolved_at = ?, message = ? WHERE task_urn = ?')
      .run(result.status, context.at, result.message, task.taskUrn);
    if (result.succeeded) {
      this.succeeded.run(task.payloadHash, context.at, context.exchangeId, result.jobPosting, task.recordId);
    } else {
      this.failed.run(
        result.message ?? 'LinkedIn could not process the job.',
        result.rejected ? task.payloadHash : null,
        context.at,
        context.exchangeId,
        task.recordId,
      );
    }
  }

  /** Records that could not even be addressed (a missing key): failed without a request. */
  markUnbuildable(recordId: number, message: string, at: number): void {
    this.failed.run(message, null, at, null, recordId);
  }
}
