// The 'records' domain of the contract: the records grid (a window of rows, facets, one record's
// detail, the dashboard summary) and fix-up editing (edits, bulk operations, fixes, exclusions,
// undo/redo and the history).
import { z } from 'zod';
import { method } from './define';
import { CATEGORIES, type CellValue, type Category, type FieldValues, type Fix, type Severity } from '../domain';
import type { CategoryCounts } from './workspace';
import { CASE_MODES, type TransformSpec } from '../transforms/spec';
import type { FieldType, Requirement } from '../rsc/fields';

// ---------------------------------------------------------------------------------------------
// The grid filter: one definition, used by the grid, the facets, bulk operations and exports.

/** Check states; 'excluded' means kept from the sync, whatever its check status. */
export const GRID_RECORD_STATUSES = ['unchecked', 'compliant', 'warning', 'error', 'excluded'] as const;
export type GridRecordStatus = (typeof GRID_RECORD_STATUSES)[number];

/** 'none': never sent to LinkedIn. */
export const GRID_SYNC_STATUSES = ['succeeded', 'failed', 'pending', 'none'] as const;
export type GridSyncStatus = (typeof GRID_SYNC_STATUSES)[number];

/**
 * What LinkedIn answered when synced records were read back (electron/core/reconciling):
 * 'unread' for records never read (or never synced); 'erased': deleted at LinkedIn, kept here.
 */
export const GRID_MATCH_STATUSES = ['matched', 'unmatched', 'notFound', 'unread', 'erased'] as const;
export type GridMatchStatus = (typeof GRID_MATCH_STATUSES)[number];

const oneOrMany = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values), z.array(z.enum(values)).min(1)]);

export const cellValueSchema = z.union([z.string().max(1_000_000), z.number(), z.boolean(), z.null()]);

/**
 * A view of one category. Criteria combine with AND; a list of statuses combines with OR.
 * Check statuses count only records that are not excluded (as the category header does).
 */
export const gridFilterSchema = z
  .object({
    category: z.enum(CATEGORIES),
    status: oneOrMany(GRID_RECORD_STATUSES).optional(),
    syncStatus: oneOrMany(GRID_SYNC_STATUSES).optional(),
    /** The "LinkedIn match" facet. */
    match: oneOrMany(GRID_MATCH_STATUSES).optional(),
    /** Records with at least one issue of this rule id. */
    rule: z.string().min(1).optional(),
    /** Records with at least one issue on this field. */
    field: z.string().min(1).optional(),
    /** Records whose current value of `field` is `value` (null: empty). A click on a value facet. */
    value: z.object({ field: z.string().min(1), value: cellValueSchema }).strict().optional(),
    /** Case-insensitive text found in the key or in any current value. */
    search: z.string().max(500).optional(),
    /** The selection: only these records. */
    recordIds: z.array(z.number().int().positive()).max(1_000_000).optional(),
  })
  .strict();
export type GridFilter = z.infer<typeof gridFilterSchema>;

// ---------------------------------------------------------------------------------------------
// Grid rows and columns.

export type StoredStatus = 'unchecked' | 'compliant' | 'warning' | 'error';

export interface RowIssue {
  rule: string;
  field: string;
  severity: Severity;
  message: string;
  fix: Fix | null;
}

export interface GridRow {
  id: number;
  key: string;
  sourceRow: number | null;
  status: StoredStatus;
  errorCount: number;
  warningCount: number;
  infoCount: number;
  excluded: boolean;
  excludeReason: string | null;
  syncStatus: string | null;
  syncMessage: string | null;
  /** Current values by RSC field. */
  values: FieldValues;
  /** For each field whose current value differs from the imported one: the imported value. */
  originals: FieldValues;
  /** The source row's unmapped columns, by header. */
  extras: FieldValues;
  issues: RowIssue[];
}

export interface GridPage {
  /**
   * Records in the view. Null only when `deferTotal` was asked and counting would scan every
   * record's values (a search or a value filter), or the workspace is large enough that even an
   * indexed count outlasts the window, while the window is full: ask `records:count`.
   */
  total: number | null;
  offset: number;
  rows: GridRow[];
}

/** Meta columns start with "$"; any other column name sorts by that field's current value. */
export const META_COLUMNS = ['$row', '$key', '$status', '$issues', '$sync'] as const;

export const gridSortSchema = z
  .object({ column: z.string().min(1), direction: z.enum(['asc', 'desc']) })
  .strict();
export type GridSort = z.infer<typeof gridSortSchema>;

export interface ColumnInfo {
  name: string;
  /** False for a field found in the records that the rule pack does not define. */
  inSpec: boolean;
  type: FieldType | null;
  requirement: Requirement | null;
  format: string | null;
  description: string | null;
  maxLength: number | null;
  key: boolean;
}

export interface GridColumns {
  category: Category;
  fields: ColumnInfo[];
  /** Unmapped source headers of the category's sheets, in sheet order. */
  extras: string[];
}

// ---------------------------------------------------------------------------------------------
// Facets and the summary.

export interface RuleFacet {
  rule: string;
  severity: Severity;
  title: string;
  /** Records with at least one issue of the rule. */
  records: number;
  /** Records whose issue of the rule carries an automatic fix ("Fix all N like this"). */
  fixable: number;
}

export interface FieldFacet {
  field: string;
  /** Records with at least one issue on the field. */
  records: number;
  errors: number;
  warnings: number;
}

export interface ValueFacet {
  field: string;
  /** Most frequent first. */
  values: { value: CellValue; count: number }[];
  /** Distinct values seen; when larger than values.length the list was cut. */
  distinct: number;
}

export interface GridFacets {
  /** Records matching the whole filter. */
  total: number;
  /** Each facet counts the records matching the filter without that facet's own criterion. */
  statuses: Record<GridRecordStatus, number>;
  sync: Record<GridSyncStatus, number>;
  /** The "LinkedIn match" facet. */
  match?: Record<GridMatchStatus, number>;
  rules: RuleFacet[];
  fields: FieldFacet[];
  /** Only short-valued fields (few distinct, short values). */
  values: ValueFacet[];
}

export interface CategorySummary {
  counts: CategoryCounts;
  /** Most frequent failing rules, most records first. */
  topRules: RuleFacet[];
}

export interface WorkspaceSummary {
  categories: Record<Category, CategorySummary>;
  totals: CategoryCounts;
}

// ---------------------------------------------------------------------------------------------
// One record.

export interface DetailField {
  name: string;
  original: CellValue;
  current: CellValue;
  edited: boolean;
  inSpec: boolean;
}

export interface RecordHistoryItem {
  operationId: number;
  kind: OperationKind;
  description: string;
  at: number;
  /** A field name, or '$excluded' for exclusions. */
  field: string;
  before: CellValue;
  after: CellValue;
  undone: boolean;
}

export interface ExchangeSummary {
  id: number;
  runId: number | null;
  at: number;
  kind: string | null;
  method: string;
  url: string;
  status: number | null;
  durationMs: number | null;
  attempt: number;
  error: string | null;
  requestBody: string | null;
  responseBody: string | null;
  /** Bodies longer than the detail shows were cut; the audit export has them whole. */
  truncated: boolean;
}

export interface RecordDetail {
  id: number;
  category: Category;
  key: string;
  status: StoredStatus;
  excluded: boolean;
  excludeReason: string | null;
  source: { file: string | null; sheet: string | null; row: number | null; values: FieldValues };
  fields: DetailField[];
  /** Unmapped source columns, by header. */
  extras: FieldValues;
  issues: RowIssue[];
  history: RecordHistoryItem[];
  sync: {
    status: string | null;
    message: string | null;
    syncedAt: number | null;
    linkedinUrn: string | null;
    /** Newest first: the record's requests and LinkedIn's answers. */
    exchanges: ExchangeSummary[];
  };
}

// ---------------------------------------------------------------------------------------------
// Editing.

export const OPERATION_KINDS = [
  'edit', 'fix', 'fix-all', 'set', 'clear', 'replace', 'transform', 'fill', 'exclude', 'include', 'date-format',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export interface HistoryEntry {
  id: number;
  kind: OperationKind;
  description: string;
  createdAt: number;
  recordCount: number;
  cellCount: number;
  categories: Category[];
  undone: boolean;
}

export interface OperationResult {
  /** The new operation; null when nothing changed (no history entry is written then). */
  operation: HistoryEntry | null;
  changedCells: number;
  changedRecords: number;
  /** Cells a transform could not convert, with the most common reasons. */
  skipped: number;
  skipReasons: { reason: string; count: number }[];
}

export interface UndoResult {
  /** The operation undone, redone or reverted; null when there was nothing to do. */
  operation: HistoryEntry | null;
  changedCells: number;
  message: string;
}

export interface HistoryPage {
  entries: HistoryEntry[];
  total: number;
  /** What Undo and Redo would act on now. */
  undo: HistoryEntry | null;
  redo: HistoryEntry | null;
}

export interface PreviewChange {
  recordId: number;
  key: string;
  field: string;
  before: CellValue;
  after: CellValue;
}

export interface BulkPreview {
  changedCells: number;
  changedRecords: number;
  skipped: number;
  skipReasons: { reason: string; count: number }[];
  /** Actions on one field: the records in scope, and how many of them already had a value in it. */
  targetRecords: number;
  alreadyFilled: number;
  /** Records whose key field(s) would change: the UI asks before it applies such a change. */
  keyRecords: number;
  /** The first changes, in grid order. */
  changes: PreviewChange[];
}

const fieldName = z.string().min(1).max(500);

export const transformSpecSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('trim') }).strict(),
  z.object({ name: z.literal('collapseWhitespace') }).strict(),
  z.object({ name: z.literal('changeCase'), mode: z.enum(CASE_MODES) }).strict(),
  z.object({ name: z.literal('lowercaseEmails') }).strict(),
  z.object({ name: z.literal('splitEmails') }).strict(),
  z.object({ name: z.literal('parseDate'), format: z.string().min(1).max(100), zone: z.string().min(1).max(100) }).strict(),
  z.object({ name: z.literal('secondsToMillis') }).strict(),
  z.object({ name: z.literal('prefixUrn'), prefix: z.string().min(1).max(100) }).strict(),
  z.object({ name: z.literal('countryToIso') }).strict(),
  z.object({ name: z.literal('cityState') }).strict(),
]);
// The pure transforms define the type; this schema must accept exactly it.
type _TransformSchemaMatches = [TransformSpec] extends [z.infer<typeof transformSpecSchema>]
  ? [z.infer<typeof transformSpecSchema>] extends [TransformSpec] ? true : never
  : never;
const _transformSchemaMatches: _TransformSchemaMatches = true;
void _transformSchemaMatches;

export const bulkActionSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('set'),
      field: fieldName,
      value: cellValueSchema,
      /** Only cells that are empty get the value (as "fill" without overwrite). */
      onlyEmpty: z.boolean().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('clear'), field: fieldName }).strict(),
  z
    .object({
      kind: z.literal('replace'),
      /** Omitted: every field. */
      field: fieldName.optional(),
      find: z.string().min(1).max(10_000),
      replace: z.string().max(10_000),
      regex: z.boolean().optional(),
      caseSensitive: z.boolean().optional(),
      wholeCell: z.boolean().optional(),
      /** Only records failing the check: with a field, those with an issue on it; else errors and warnings. */
      onlyFailing: z.boolean().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('transform'), field: fieldName, transform: transformSpecSchema }).strict(),
  z
    .object({
      kind: z.literal('fill'),
      field: fieldName,
      /** A field, or with fromSource a source column header (e.g. an unmapped one). */
      from: fieldName,
      fromSource: z.boolean().optional(),
      /** Default false: only empty cells are filled. */
      overwrite: z.boolean().optional(),
    })
    .strict(),
]);
export type BulkAction = z.infer<typeof bulkActionSchema>;

const cellChangeSchema = z.object({ recordId: z.number().int().positive(), field: fieldName, value: cellValueSchema }).strict();
export type CellChange = z.infer<typeof cellChangeSchema>;

const recordRef = z.union([
  z.object({ recordId: z.number().int().positive() }).strict(),
  z.object({ category: z.enum(CATEGORIES), key: z.string().min(1) }).strict(),
]);
export type RecordRef = z.infer<typeof recordRef>;

export const recordsMethods = {
  'records:columns': method<GridColumns>()(z.object({ category: z.enum(CATEGORIES) }).strict()),
  'records:page': method<GridPage>()(
    z
      .object({
        filter: gridFilterSchema,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
        sort: gridSortSchema.optional(),
        /** Rows first: leave a total that needs a scan of values to `records:count` (the grid does). */
        deferTotal: z.boolean().optional(),
      })
      .strict(),
  ),
  /** The number of records in a view: the total a deferred page left out. */
  'records:count': method<number>()(z.object({ filter: gridFilterSchema }).strict()),
  'records:facets': method<GridFacets>()(
    z
      .object({
        filter: gridFilterSchema,
        /** Fields to list distinct values for; default: every field of the category (short-valued ones are kept). */
        valueFields: z.array(fieldName).max(100).optional(),
        maxValues: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
  ),
  'records:detail': method<RecordDetail>()(recordRef),
  'records:summary': method<WorkspaceSummary>()(z.object({ topRules: z.number().int().min(1).max(50).optional() }).strict()),

  /** One or more cells (an inline edit, or a pasted range): one history entry. */
  'records:edit': method<OperationResult>()(
    z.object({ changes: z.array(cellChangeSchema).min(1).max(100_000), description: z.string().max(500).optional() }).strict(),
  ),
  'records:preview': method<BulkPreview>()(
    z.object({ filter: gridFilterSchema, action: bulkActionSchema, limit: z.number().int().min(0).max(1000).optional() }).strict(),
  ),
  'records:bulk': method<OperationResult>()(z.object({ filter: gridFilterSchema, action: bulkActionSchema }).strict()),
  /** Applies the automatic fix of one record's issue(s) of a rule. */
  'records:applyFix': method<OperationResult>()(
    z.object({ recordId: z.number().int().positive(), rule: z.string().min(1), field: fieldName.optional() }).strict(),
  ),
  /** "Fix all like this": every record with a fixable issue of the rule (in a category, or all). */
  'records:fixAll': method<OperationResult>()(
    z
      .object({
        rule: z.string().min(1),
        category: z.enum(CATEGORIES).optional(),
        field: fieldName.optional(),
        /** Only records of this view (its category wins over `category`). */
        filter: gridFilterSchema.optional(),
      })
      .strict(),
  ),
  /** What "fix all like this" would change (counted in full, the first changes listed); nothing is written. */
  'records:previewFixAll': method<BulkPreview>()(
    z
      .object({
        rule: z.string().min(1),
        category: z.enum(CATEGORIES).optional(),
        field: fieldName.optional(),
        filter: gridFilterSchema.optional(),
        limit: z.number().int().min(0).max(1000).optional(),
      })
      .strict(),
  ),
  'records:exclude': method<OperationResult>()(
    z.object({ filter: gridFilterSchema, reason: z.string().trim().min(1).max(2000) }).strict(),
  ),
  'records:include': method<OperationResult>()(z.object({ filter: gridFilterSchema }).strict()),
  'records:undo': method<UndoResult>()(z.object({}).strict()),
  'records:redo': method<UndoResult>()(z.object({}).strict()),
  /** Reverts one earlier operation on its own; refused (code OVERLAP) when a later one changed the same cells. */
  'records:revert': method<UndoResult>()(z.object({ operationId: z.number().int().positive() }).strict()),
  /** Applies a reverted operation again; refused like revert when later operations changed its cells. */
  'records:reapply': method<UndoResult>()(z.object({ operationId: z.number().int().positive() }).strict()),
  'records:history': method<HistoryPage>()(
    z
      .object({
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
  ),
};

export const recordsEvents = {};
