import type { MethodName } from '../../../shared/contract';

/**
 * A sequence of calls that exercises every contract method, run through each transport on
 * identical fresh backends. `$DIR` is replaced with the run's data folder, `$SAMPLE` with the
 * bundled sample export.
 */
export const SCENARIO: { method: MethodName; input: Record<string, unknown> }[] = [
  { method: 'app:info', input: {} },
  { method: 'workspace:current', input: {} },
  { method: 'workspace:recent', input: {} },
  { method: 'workspace:create', input: { name: 'Parity' } },
  { method: 'workspace:counts', input: {} },
  { method: 'workspace:setTimeZone', input: { timeZone: 'Europe/Paris' } },
  { method: 'workspace:setTimeZone', input: { timeZone: 'Mars/Olympus' } },
  { method: 'job:list', input: {} },
  { method: 'job:cancel', input: { jobId: 'no-such-job' } },

  { method: 'import:presets', input: {} },
  { method: 'import:inspect', input: { path: '$SAMPLE' } },
  { method: 'import:suggest', input: { headers: ['Job ID', 'Job Title', 'Apply URL'] } },
  { method: 'import:review', input: { path: '$SAMPLE', sheet: { sheet: 'Candidates', category: 'candidates', mapping: { 'Last Name': '' } } } },
  { method: 'import:run', input: { path: '$SAMPLE' } },
  { method: 'import:run', input: { path: '$DIR/missing.xlsx' } },
  {
    method: 'import:savePreset',
    input: { preset: { name: 'Parity jobs', category: 'jobs', headers: ['Job ID'], mapping: { 'Job ID': 'externalJobPostingId' } } },
  },
  { method: 'import:exportPreset', input: { name: 'Parity jobs', path: '$DIR/parity-preset.json' } },
  { method: 'import:deletePreset', input: { name: 'Parity jobs' } },
  { method: 'import:loadPreset', input: { path: '$DIR/parity-preset.json' } },
  { method: 'workspace:counts', input: {} },

  { method: 'rules:pack', input: {} },
  { method: 'rules:check', input: {} },
  { method: 'rules:summary', input: {} },
  { method: 'rules:report', input: {} },
  { method: 'rules:columnFormats', input: {} },
  { method: 'rules:setColumnFormat', input: { category: 'candidates', field: 'atsCreatedAt', format: 'dd/MM/yyyy' } },
  { method: 'rules:setColumnFormat', input: { category: 'candidates', field: 'atsCreatedAt', format: null } },

  { method: 'records:columns', input: { category: 'jobs' } },
  { method: 'records:page', input: { filter: { category: 'candidates' }, limit: 5 } },
  { method: 'records:page', input: { filter: { category: 'applications', status: 'error' }, limit: 5 } },
  { method: 'records:page', input: { filter: { category: 'candidates', search: 'a' }, limit: 1, deferTotal: true } },
  { method: 'records:count', input: { filter: { category: 'candidates', search: 'a' } } },
  { method: 'records:facets', input: { filter: { category: 'jobs' } } },
  { method: 'records:summary', input: {} },
  { method: 'records:detail', input: { recordId: 1 } },
  { method: 'records:edit', input: { changes: [{ recordId: 1, field: 'title', value: 'Edited through the contract' }] } },
  { method: 'records:preview', input: { filter: { category: 'candidates' }, action: { kind: 'transform', field: 'firstName', transform: { name: 'trim' } } } },
  { method: 'records:bulk', input: { filter: { category: 'candidates' }, action: { kind: 'replace', field: 'lastName', find: 'a', replace: 'A' } } },
  { method: 'records:applyFix', input: { recordId: 1, rule: 'no-such-rule' } },
  { method: 'records:previewFixAll', input: { rule: 'text-untrimmed', limit: 5 } },
  { method: 'records:fixAll', input: { rule: 'text-untrimmed' } },
  { method: 'records:exclude', input: { filter: { category: 'jobs', recordIds: [1] }, reason: 'No description in the ATS' } },
  { method: 'records:include', input: { filter: { category: 'jobs', recordIds: [1] } } },
  { method: 'records:undo', input: {} },
  { method: 'records:redo', input: {} },
  { method: 'records:history', input: {} },
  { method: 'records:revert', input: { operationId: 1 } },
  { method: 'records:reapply', input: { operationId: 1 } },

  { method: 'sync:settings', input: {} },
  { method: 'sync:saveSettings', input: { organizationUrn: 'urn:li:organization:1234', clientId: 'client-1' } },
  { method: 'sync:plan', input: {} },
  { method: 'sync:start', input: {} },
  { method: 'sync:runs', input: {} },
  { method: 'sync:run', input: {} },
  { method: 'sync:log', input: {} },
  { method: 'sync:exchange', input: { id: 999 } },

  { method: 'export:audit', input: { path: '$DIR/exports/audit.xlsx' } },
  { method: 'export:clean', input: { path: '$DIR/exports/clean.csv', format: 'csv' } },

  { method: 'resumes:attach', input: { folder: '$DIR/no-such-folder' } },
  { method: 'resumes:attach', input: { folder: '$DIR/exports', pattern: '{applicationId}*.pdf' } },
  { method: 'resumes:list', input: { limit: 10 } },
  { method: 'resumes:detach', input: { all: true } },

  { method: 'workspace:open', input: { path: '$DIR/workspaces/Second.rscw' } },
  { method: 'workspace:open', input: { path: '$DIR/not-a-workspace.txt' } },
  { method: 'workspace:openSample', input: {} },
];
