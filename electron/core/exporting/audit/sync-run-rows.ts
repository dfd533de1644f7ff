import type { SyncProgress, SyncSummary } from '../../../../shared/contract/sync';
import { CATEGORIES } from '../../../../shared/domain';

/** What `sync_runs` stores of one run. */
export interface SyncRunRow {
  id: number;
  started_at: number;
  finished_at: number | null;
  status: string;
  dry_run: number;
  summary_json: string | null;
}

/** One run as the Summary's table shows it: numbers as numbers, never the stored JSON. */
export interface SyncRunLine {
  run: number;
  startedAt: number;
  finishedAt: number | null;
  status: string;
  sent: number | null;
  succeeded: number | null;
  failed: number | null;
  requests: number | null;
}

/** Status last: a failure's message is long, and runs on into the empty cells beside it. */
export const SYNC_RUN_HEADERS = ['Run', 'Started', 'Finished', 'Sent', 'Succeeded', 'Failed', 'Requests', 'Status'];

const STATUS_WORDS: Record<string, string> = {
  running: 'Running (or stopped before it could finish)',
  finished: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/**
 * A finished run keeps its summary, one still running (or killed) its last progress; a workspace
 * written by an older version may keep neither, or JSON of another shape: its counts stay empty.
 */
export function syncRunLine(row: SyncRunRow): SyncRunLine {
  const stored = parseStored(row.summary_json);
  const summary = stored?.summary ?? null;
  const progress = stored?.progress ?? null;
  let status = STATUS_WORDS[row.status] ?? row.status;
  if (row.dry_run) status = 'Dry run (nothing sent)';
  else if (summary?.failure?.message) status = `${status}: ${summary.failure.message}`;
  const line: SyncRunLine = {
    run: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    status,
    sent: null,
    succeeded: null,
    failed: null,
    requests: null,
  };
  if (row.dry_run) {
    // A dry run's requests are planned, not made: said in words, so the Requests column stays what was sent.
    const planned = numberOr(summary?.requests);
    if (planned !== null) line.status = `Dry run (nothing sent): ${planned.toLocaleString('en-US')} request${planned === 1 ? '' : 's'} planned`;
  } else if (summary) {
    line.sent = numberOr(summary.sent);
    line.succeeded = numberOr(summary.succeeded);
    line.failed = numberOr(summary.failed);
    line.requests = numberOr(summary.requests);
  } else if (progress && progress.categories && typeof progress.categories === 'object') {
    const sum = (k: 'sent' | 'succeeded' | 'failed') =>
      CATEGORIES.reduce((n, c) => n + (numberOr(progress.categories[c]?.[k]) ?? 0), 0);
    line.sent = sum('sent');
    line.succeeded = sum('succeeded');
    line.failed = sum('failed');
    line.requests = numberOr(progress.requests);
  }
  return line;
}

function parseStored(json: string | null): { summary?: SyncSummary; progress?: SyncProgress } | null {
  if (!json) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' ? (parsed as { summary?: SyncSummary; progress?: SyncProgress }) : null;
  } catch {
    return null;
  }
}

function numberOr(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
