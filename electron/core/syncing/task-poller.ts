import type { Db } from '../db/connection';
import { MAX_QUERY_LENGTH, taskBatchGet, toWire } from '../../../shared/payload/requests';
import { encodeRestliPrimitive } from '../../../shared/payload/restli-keys';
import type { LinkedInClient } from './linkedin-client';
import { RecordResultWriter } from './record-store';
import { isRejection, taskResults } from './batch-results';
import { classifyStatus, messageOf } from './failures';
import type { SyncRuntime, SyncTiming } from './timing';

interface OpenTask {
  task_urn: string;
  record_id: number;
  payload_hash: string;
  polls: number;
  key: string;
}

export interface TaskResolution {
  succeeded: number;
  failed: number;
  rejected: { key: string; message: string; exchangeId: number }[];
}

/**
 * Polls simpleJobPostingTasks for jobs sent with batch_create. The sync_tasks table is the
 * source of truth, so tasks left open when a run ends (or is killed) are polled by the next one.
 * Each task is polled first ~1 s after its batch, then at doubling intervals up to a cap.
 */
export class TaskPoller {
  private readonly writer: RecordResultWriter;
  // Asked between every two batches of a sync: prepared once, not per call.
  private readonly nextDue;

  constructor(
    private readonly db: Db,
    private readonly client: LinkedInClient,
    private readonly timing: SyncTiming,
    private readonly runtime: SyncRuntime,
    private readonly makeBoundary: () => string,
  ) {
    this.writer = new RecordResultWriter(db);
    this.nextDue = db.prepare("SELECT min(next_poll_at) AS at FROM sync_tasks WHERE status = 'IN_PROGRESS'");
  }

  openCount(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM sync_tasks WHERE status = 'IN_PROGRESS'").get() as { n: number }).n;
  }

  nextDueAt(): number | null {
    return (this.nextDue.get() as { at: number | null }).at;
  }

  /** Polls every task that is due now (or every open one, e.g. those an earlier run left); returns what got resolved. */
  async pollDue(options: { all?: boolean } = {}): Promise<TaskResolution> {
    const resolution: TaskResolution = { succeeded: 0, failed: 0, rejected: [] };
    const due = this.db
      .prepare(
        `SELECT t.task_urn, t.record_id, t.payload_hash, t.polls, r.key FROM sync_tasks t JOIN records r ON r.id = t.record_id
         WHERE t.status = 'IN_PROGRESS' AND t.next_poll_at <= ? ORDER BY t.next_poll_at, t.task_urn`,
      )
      .all(options.all ? Number.MAX_SAFE_INTEGER : this.runtime.now()) as OpenTask[];
    for (const group of groupByQueryLength(due)) {
      await this.pollGroup(group, resolution);
    }
    return resolution;
  }

  private async pollGroup(group: OpenTask[], resolution: TaskResolution): Promise<void> {
    const urns = group.map((t) => t.task_urn);
    // GETs are split (not tunnelled) at the query-string limit: polls are cheap and small.
    const delivered = await this.client.send(toWire(taskBatchGet(urns), this.makeBoundary), {
      kind: 'poll',
      category: 'jobs',
      recordKeys: group.map((t) => t.key),
    });
    const { response } = delivered;
    if (response.status >= 300 && response.status !== 400 && response.status !== 404) throw classifyStatus(response.status, response.body);
    const at = this.runtime.now();
    const results = response.status < 300 ? taskResults(urns, response) : null;
    this.db.transaction(() => {
      const exchangeId = delivered.finish();
      for (const task of group) {
        const ref = { taskUrn: task.task_urn, recordId: task.record_id, payloadHash: task.payload_hash };
        const r = results?.get(task.task_urn);
        if (!r || r.errorStatus !== null) {
          // LinkedIn no longer knows the task (expired or malformed): the job's fate is unknown,
          // so it is failed without a rejection and the next sync sends it again.
          const message = `LinkedIn no longer reports on task ${task.task_urn}: ${r?.message ?? messageOf(response.body, `HTTP ${response.status}`)}. The job will be sent again.`;
          this.writer.resolveTask(ref, { succeeded: false, jobPosting: null, message, rejected: false, status: 'EXPIRED' }, { exchangeId, at });
          resolution.failed++;
        } else if (r.status === 'SUCCEEDED' || r.status === 'PROCESSED') {
          this.writer.resolveTask(ref, { succeeded: true, jobPosting: r.jobPosting, message: null, rejected: false, status: r.status }, { exchangeId, at });
          resolution.succeeded++;
        } else if (r.status === 'FAILED') {
          const message = r.message ?? 'LinkedIn could not process the job.';
          this.writer.resolveTask(ref, { succeeded: false, jobPosting: null, message, rejected: isRejection(422), status: 'FAILED' }, { exchangeId, at });
          resolution.failed++;
          resolution.rejected.push({ key: task.key, message, exchangeId });
        } else {
          const interval = Math.min(this.timing.taskPollMaxMs, this.timing.taskFirstPollMs * 2 ** (task.polls + 1));
          this.db
            .prepare('UPDATE sync_tasks SET polls = polls + 1, next_poll_at = ? WHERE task_urn = ?')
            .run(at + interval, task.task_urn);
        }
      }
    })();
  }
}

function groupByQueryLength(tasks: OpenTask[]): OpenTask[][] {
  const groups: OpenTask[][] = [];
  let current: OpenTask[] = [];
  let length = 'ids=List()'.length;
  for (const t of tasks) {
    const add = encodeRestliPrimitive(t.task_urn).length + 1;
    if (current.length > 0 && (current.length >= 100 || length + add > MAX_QUERY_LENGTH)) {
      groups.push(current);
      current = [];
      length = 'ids=List()'.length;
    }
    current.push(t);
    length += add;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
