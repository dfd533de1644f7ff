import { describe, expect, it } from 'vitest';
import { syncRunLine } from '../../../electron/core/exporting/audit/sync-run-rows';

const base = { id: 3, started_at: 1000, finished_at: 2000, status: 'finished', dry_run: 0 };

describe('a sync run as the audit Summary shows it', () => {
  it('takes the counts of a finished run, and a failure its message', () => {
    const summary = { sent: 5, succeeded: 4, failed: 1, requests: 7, failure: { message: 'Credentials refused' } };
    expect(syncRunLine({ ...base, status: 'failed', summary_json: JSON.stringify({ summary }) })).toEqual({
      run: 3, startedAt: 1000, finishedAt: 2000, status: 'Failed: Credentials refused', sent: 5, succeeded: 4, failed: 1, requests: 7,
    });
  });

  it("adds up a killed run's last progress over its categories", () => {
    const counts = (sent: number, succeeded: number, failed: number) => ({ sent, succeeded, failed });
    const progress = { requests: 4, categories: { jobs: counts(2, 2, 0), candidates: counts(3, 1, 1) } };
    const line = syncRunLine({ ...base, status: 'running', finished_at: null, summary_json: JSON.stringify({ progress }) });
    expect([line.sent, line.succeeded, line.failed, line.requests]).toEqual([5, 3, 1, 4]);
    expect(line.status).toMatch(/^Running/);
  });

  it('says what a dry run planned, and counts nothing as sent', () => {
    const line = syncRunLine({ ...base, dry_run: 1, summary_json: JSON.stringify({ summary: { sent: 0, succeeded: 0, failed: 0, requests: 11 } }) });
    expect([line.sent, line.requests, line.status]).toEqual([null, null, 'Dry run (nothing sent): 11 requests planned']);
  });

  it('leaves the counts empty for JSON of another shape or none, never showing it', () => {
    for (const json of [null, 'not json', '{"sent":"2"}', '[1,2]']) {
      const line = syncRunLine({ ...base, summary_json: json });
      expect([line.sent, line.succeeded, line.failed, line.requests, line.status]).toEqual([null, null, null, null, 'Finished']);
    }
  });
});
