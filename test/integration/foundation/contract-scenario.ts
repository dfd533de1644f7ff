import type { MethodName } from '../../../shared/contract';

/**
 * A sequence of calls that exercises every contract method, run through each transport on
 * identical fresh backends. `$DIR` is replaced with the run's data folder.
 */
export const SCENARIO: { method: MethodName; input: Record<string, unknown> }[] = [
  { method: 'app:info', input: {} },
  { method: 'workspace:current', input: {} },
  { method: 'workspace:recent', input: {} },
  { method: 'workspace:create', input: { name: 'Parity' } },
  { method: 'workspace:counts', input: {} },
  { method: 'workspace:setTimeZone', input: { timeZone: 'Europe/Paris' } },
  { method: 'workspace:setTimeZone', input: { timeZone: 'Mars/Olympus' } },
  { method: 'workspace:open', input: { path: '$DIR/workspaces/Second.rscw' } },
  { method: 'workspace:open', input: { path: '$DIR/not-a-workspace.txt' } },
  { method: 'job:list', input: {} },
  { method: 'job:cancel', input: { jobId: 'no-such-job' } },
  { method: 'workspace:openSample', input: {} },
];
