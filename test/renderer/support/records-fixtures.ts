import { CATEGORIES, type Category } from '../../../shared/domain';
import type { CategoryCounts, WorkspaceCounts } from '../../../shared/contract/workspace';
import type { Input } from '../../../shared/contract';
import type {
  ColumnInfo, GridColumns, GridFacets, GridRow, HistoryEntry, RecordDetail, RuleFacet, WorkspaceSummary,
} from '../../../shared/contract/records';
import type { Harness } from './fake-backend';

export function column(name: string, over: Partial<ColumnInfo> = {}): ColumnInfo {
  return {
    name, inSpec: true, type: 'string', requirement: 'required', format: 'String', description: `${name} of the candidate`,
    maxLength: null, key: false, ...over,
  };
}

export function candidateColumns(extras: string[] = ['Recruiter']): GridColumns {
  return {
    category: 'candidates',
    fields: [
      column('atsCandidateId', { key: true }),
      column('atsCreatedAt', { type: 'epochMs' }),
      column('emailAddresses', { type: 'emailList', requirement: 'conditional' }),
      column('lastName'),
    ],
    extras,
  };
}

export function gridRow(i: number, over: Partial<GridRow> = {}): GridRow {
  return {
    id: i + 1,
    key: `C-${i}`,
    sourceRow: i + 2,
    status: 'compliant',
    errorCount: 0,
    warningCount: 0,
    infoCount: 0,
    excluded: false,
    excludeReason: null,
    syncStatus: null,
    syncMessage: null,
    values: { atsCandidateId: `C-${i}`, atsCreatedAt: 1_704_067_200_000 + i, emailAddresses: `c${i}@mail.example`, lastName: `Lee${i}` },
    originals: {},
    extras: { Recruiter: 'Kim' },
    issues: [],
    ...over,
  };
}

export function ruleFacet(rule: string, over: Partial<RuleFacet> = {}): RuleFacet {
  return { rule, severity: 'error', title: `Title of ${rule}`, records: 10, fixable: 0, ...over };
}

export function facets(over: Partial<GridFacets> = {}): GridFacets {
  return {
    total: 0,
    statuses: { unchecked: 0, compliant: 0, warning: 0, error: 0, excluded: 0 },
    sync: { succeeded: 0, failed: 0, pending: 0, none: 0 },
    rules: [],
    fields: [],
    values: [],
    ...over,
  };
}

export function entry(id: number, over: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id, kind: 'edit', description: `Operation ${id}`, createdAt: Date.UTC(2025, 2, 4, 9, 0, id), recordCount: 1, cellCount: 1,
    categories: ['candidates'], undone: false, ...over,
  };
}

export function detail(over: Partial<RecordDetail> = {}): RecordDetail {
  return {
    id: 1,
    category: 'candidates',
    key: 'C-0',
    status: 'error',
    excluded: false,
    excludeReason: null,
    source: { file: 'candidates.csv', sheet: 'candidates', row: 2, values: {} },
    fields: [
      { name: 'atsCandidateId', original: 'C-0', current: 'C-0', edited: false, inSpec: true },
      { name: 'externalProfileUrl', original: 'ats.example.com/c/0', current: 'ats.example.com/c/0', edited: false, inSpec: true },
      { name: 'lastName', original: null, current: 'Lovelace', edited: true, inSpec: true },
    ],
    extras: { Recruiter: 'Kim' },
    issues: [
      {
        rule: 'url-format', field: 'externalProfileUrl', severity: 'error', message: 'externalProfileUrl is not an absolute link.',
        fix: { label: 'Add https://', field: 'externalProfileUrl', value: 'https://ats.example.com/c/0' },
      },
    ],
    history: [
      {
        operationId: 4, kind: 'edit', description: 'Edited lastName of C-0', at: Date.UTC(2025, 2, 4, 9, 0, 0), field: 'lastName',
        before: null, after: 'Lovelace', undone: false,
      },
    ],
    sync: {
      status: 'failed', message: 'LinkedIn refused the record', syncedAt: null, linkedinUrn: null,
      exchanges: [
        {
          id: 9, runId: 2, at: Date.UTC(2025, 2, 4, 10, 0, 0), kind: 'batch', method: 'POST',
          url: 'https://api.linkedin.com/v2/atsCandidates?ids=List((atsCandidateId:C-0))', status: 400, durationMs: 120, attempt: 1,
          error: null, requestBody: '{"entities":{}}', responseBody: '{"status":400,"message":"bad url"}', truncated: false,
        },
      ],
    },
    ...over,
  };
}

function counts(total: number, error = 0, over: Partial<CategoryCounts> = {}): CategoryCounts {
  return { total, compliant: total - error, warning: 0, error, unchecked: 0, excluded: 0, synced: 0, syncFailed: 0, ...over };
}

export function summary(perCategory: Partial<Record<Category, { total: number; error?: number; topRules?: RuleFacet[]; counts?: Partial<CategoryCounts> }>>): WorkspaceSummary {
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => {
      const p = perCategory[c];
      return [c, { counts: counts(p?.total ?? 0, p?.error ?? 0, p?.counts), topRules: p?.topRules ?? [] }];
    }),
  ) as WorkspaceSummary['categories'];
  const totals = counts(0);
  for (const c of CATEGORIES) for (const k of Object.keys(totals) as (keyof CategoryCounts)[]) totals[k] += categories[c].counts[k];
  return { categories, totals };
}

export function countsOf(totals: Partial<Record<Category, number>>): WorkspaceCounts {
  return Object.fromEntries(CATEGORIES.map((c) => [c, counts(totals[c] ?? 0)])) as WorkspaceCounts;
}

export interface FakeGrid {
  total: number;
  rows: (i: number) => GridRow;
  facets: GridFacets;
}

/**
 * Answers the records screen's calls like the backend: a category of `total` rows served a window
 * at a time (filters are recorded, not applied), its columns, facets and an empty history.
 */
export function withGrid(h: Harness, grid: Partial<FakeGrid> & { total: number }): FakeGrid {
  const g: FakeGrid = { rows: (i) => gridRow(i), facets: facets({ total: grid.total }), ...grid };
  h.client.handle('records:columns', () => candidateColumns());
  h.client.handle('records:page', (q: Input<'records:page'>) => {
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 100;
    const n = Math.max(0, Math.min(limit, g.total - offset));
    return { total: g.total, offset, rows: Array.from({ length: n }, (_, k) => g.rows(offset + k)) };
  });
  h.client.handle('records:facets', () => g.facets);
  h.client.handle('records:history', () => ({ entries: [], total: 0, undo: null, redo: null }));
  h.client.handle('workspace:counts', () => countsOf({ candidates: g.total }));
  return g;
}
