// The 'import' domain of the contract: reading ATS exports (xlsx, csv) into the workspace.
import { z } from 'zod';
import { method } from './define';
import { CATEGORIES, type CellValue, type Category, type Severity } from '../domain';

export const TEXT_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** How a text file was read: detected, or as the consultant chose. */
export interface TextFormat {
  encoding: TextEncoding;
  bom: boolean;
  delimiter: Delimiter;
}

export type MatchVia = 'preset' | 'manual' | 'exact' | 'normalized' | 'synonym' | 'fuzzy' | 'none';

/** One source column and the RSC field it is matched to (or null: kept with the record, unmapped). */
export interface ColumnMatch {
  column: number;
  header: string;
  field: string | null;
  /** 0–1: 1 for exact names and presets, lower for synonyms, lowest for fuzzy matches. */
  confidence: number;
  via: MatchVia;
}

/** field → (source value → RSC value), e.g. { state: { Open: 'LISTED', Filled: 'CLOSED' } }. */
export type ValueMappings = Record<string, Record<string, string>>;

export interface ValueMappingSuggestion {
  field: string;
  header: string;
  allowed: string[];
  /** Distinct source values (up to 50) with how often they occur and the suggested RSC value (null: no guess). */
  values: { source: string; count: number; target: string | null }[];
}

export interface ImportIssue {
  sheet: string;
  row: number;
  /** The cell as a person names it: "D7" in a workbook, "row 7, column 4" in a CSV. */
  cell: string;
  message: string;
}

export interface DistinctValue {
  value: string;
  count: number;
}

export interface PreviewRow {
  row: number;
  cells: CellValue[];
}

export interface SheetInspection {
  sheet: string;
  /** Data rows below the header (blank rows and a trailing total row not counted). */
  rows: number;
  headerRow: number;
  headers: string[];
  /** How empty or duplicate headers were renamed, e.g. 'Column C had no header: named "Column C"'. */
  headerNotes: string[];
  /** The first rows of the sheet, including any above the header, for choosing the header row. */
  preview: PreviewRow[];
  /** Up to 50 distinct values per column (as text) with their counts, for value mappings after the mapping changes. */
  distinctValues: DistinctValue[][];
  category: Category | null;
  categoryScores: Record<Category, number>;
  mapping: ColumnMatch[];
  /** Key fields of the category that no column is mapped to: the sheet cannot be imported until they are. */
  missingKeyFields: string[];
  valueMappings: ValueMappingSuggestion[];
  /** The preset applied automatically because the headers match it. */
  preset: string | null;
  issues: ImportIssue[];
  issueCount: number;
}

export interface FileInspection {
  path: string;
  name: string;
  size: number;
  kind: 'xlsx' | 'csv';
  text: TextFormat | null;
  sheets: SheetInspection[];
}

export interface MappingSuggestion {
  category: Category | null;
  categoryScores: Record<Category, number>;
  mapping: ColumnMatch[];
  missingKeyFields: string[];
  valueMappings: ValueMappingSuggestion[];
  preset: string | null;
}

export const PRESET_FORMAT = 'rsc-workbench/mapping-preset';

export const mappingPresetSchema = z
  .object({
    format: z.literal(PRESET_FORMAT).default(PRESET_FORMAT),
    version: z.literal(1).default(1),
    name: z.string().trim().min(1).max(120),
    description: z.string().max(500).optional(),
    category: z.enum(CATEGORIES),
    /** The headers of the export the preset was made from: a file matches when it has (almost) all of them. */
    headers: z.array(z.string()).min(1),
    /** header → RSC field. */
    mapping: z.record(z.string(), z.string()),
    valueMappings: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  })
  .strict();
export type MappingPreset = z.output<typeof mappingPresetSchema>;

export interface PresetInfo {
  preset: MappingPreset;
  /** 'shipped' presets come with the app (resources/presets); 'saved' ones are the consultant's. */
  origin: 'shipped' | 'saved';
}

export const sheetPlanSchema = z
  .object({
    sheet: z.string().min(1),
    category: z.enum(CATEGORIES).optional(),
    /** 1-based; detected when omitted. */
    headerRow: z.number().int().min(1).optional(),
    /** header → field; headers left out are matched automatically unless mapped to '' (kept unmapped). */
    mapping: z.record(z.string(), z.string()).optional(),
    valueMappings: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  })
  .strict();
export type SheetPlan = z.output<typeof sheetPlanSchema>;

export const importRequestSchema = z
  .object({
    path: z.string().min(1),
    encoding: z.enum(TEXT_ENCODINGS).optional(),
    delimiter: z.enum(DELIMITERS).optional(),
    /** The sheets to import; omitted: every sheet whose category can be detected. */
    sheets: z.array(sheetPlanSchema).optional(),
    /** Forces the category of the imported sheets (with no `sheets`: imports the sheets of this category, or the only sheet). */
    category: z.enum(CATEGORIES).optional(),
    /** A preset to apply (e.g. from --mapping preset.json), besides the ones matched automatically. */
    preset: mappingPresetSchema.optional(),
  })
  .strict();
export type ImportRequest = z.input<typeof importRequestSchema>;
export type ImportRequestParsed = z.output<typeof importRequestSchema>;

/** A field the consultant had fixed whose source value changed too: the new source value won. */
export interface ImportConflict {
  key: string;
  field: string;
  /** The consultant's value, now replaced. */
  edited: CellValue;
  previousSource: CellValue;
  newSource: CellValue;
}

/** A row the import did not turn into a record, and why. */
export interface SkippedRow {
  row: number;
  /** The record key the row would have had, when it has one. */
  key?: string;
  reason: string;
  /** For a duplicate key: the source columns in which this row differs from the kept one (left out when identical). */
  differences?: { column: string; kept: CellValue; skipped: CellValue }[];
}

/** A source value as found in the file, and the value stored for it. */
export interface AppliedValueMapping {
  field: string;
  from: string;
  to: string;
  count: number;
}

export interface SheetImportSummary {
  sheet: string;
  category: Category;
  /** Data rows read (rows = added + updated + unchanged + skipped). */
  rows: number;
  skipped: number;
  mapping: Record<string, string>;
  added: number;
  updated: number;
  unchanged: number;
  /** Records of this category in the workspace that the file no longer has (flagged, not deleted). */
  missing: number;
  /** The first 1,000 conflicts; conflictCount has them all. */
  conflicts: ImportConflict[];
  conflictCount: number;
  /** Consultant fixes kept because their source value did not change. */
  keptEdits: number;
  /** reason → count, e.g. { 'Total row': 1, 'No value for the key field externalJobPostingId': 2 }. */
  skippedReasons: Record<string, number>;
  /** The first 1,000 skipped rows with their reasons (the workspace keeps them all with the sheet). */
  skippedRows: SkippedRow[];
  /** Value mappings the import applied, with how many cells each changed (identities left out). */
  valueMappingsApplied: AppliedValueMapping[];
  headerRow: number;
  issues: ImportIssue[];
  issueCount: number;
}

export interface ComplianceAtAGlance {
  compliant: number;
  warning: number;
  error: number;
  unchecked: number;
}

export interface ImportSummary {
  /** Sheets left out because no category was detected for them (or it was not the one asked for). */
  ignored: { sheet: string; reason: string }[];
  file: { path: string; name: string; size: number; sha256: string; kind: 'xlsx' | 'csv'; text: TextFormat | null };
  sheets: SheetImportSummary[];
  /** Per imported category, after the compliance check (all 'unchecked' while no check ran). */
  compliance: Partial<Record<Category, ComplianceAtAGlance>>;
  checked: boolean;
  durationMs: number;
  /**
   * Where the time went: reading the file, storing the records (one transaction), the compliance
   * check. With `storedWhileReading`, most records were stored during the read (readMs), and
   * storeMs is what was left once it ended.
   */
  phases: { readMs: number; storeMs: number; checkMs: number; storedWhileReading: boolean };
}

/** How a mapped column's values would check, before anything is stored. */
export interface ColumnReview {
  column: number;
  header: string;
  field: string;
  /** Records with a value in the field. */
  filled: number;
  /** The rules its values would fail, with how many records fail each, most first. */
  failures: { rule: string; title: string; severity: Severity; records: number }[];
}

/** A sheet's records as they would be stored with a mapping: fill rates, failing rules, fields with no column. */
export interface SheetReview {
  sheet: string;
  /** Rows that would become records. */
  records: number;
  /** Rows that would not (no key, a repeated key, a total row). */
  skipped: number;
  columns: ColumnReview[];
  /** Fields of the category no column maps to whose absence fails a rule, e.g. lastName: all 10 records fail. */
  unmapped: { field: string; rule: string; title: string; severity: Severity; records: number }[];
}

export const importMethods = {
  /** Reads a file (as a job) and lists its sheets with row counts, previews, detected header rows and mappings. */
  'import:inspect': method<FileInspection>()(
    z
      .object({
        path: z.string().min(1),
        encoding: z.enum(TEXT_ENCODINGS).optional(),
        delimiter: z.enum(DELIMITERS).optional(),
      })
      .strict(),
  ),
  /** Re-suggests category, mapping and value mappings for headers (after the header row or category changed). */
  'import:suggest': method<MappingSuggestion>()(
    z
      .object({
        sheet: z.string().default(''),
        headers: z.array(z.string()),
        distinctValues: z.array(z.array(z.object({ value: z.string(), count: z.number().int().min(0) }))).optional(),
        category: z.enum(CATEGORIES).optional(),
      })
      .strict(),
  ),
  /** Imports (as a job); one transaction, so a failure or cancel leaves the workspace unchanged. */
  'import:run': method<ImportSummary>()(importRequestSchema),
  /**
   * Checks a sheet's rows as they would be imported with the wizard's mapping (as a job, from the
   * inspection's read): fill rate and failing rules per mapped column, and the required fields no
   * column maps to. Nothing is stored.
   */
  'import:review': method<SheetReview>()(
    z
      .object({
        path: z.string().min(1),
        encoding: z.enum(TEXT_ENCODINGS).optional(),
        delimiter: z.enum(DELIMITERS).optional(),
        sheet: sheetPlanSchema.extend({ category: z.enum(CATEGORIES) }),
      })
      .strict(),
  ),
  'import:presets': method<PresetInfo[]>()(z.object({}).strict()),
  'import:savePreset': method<PresetInfo>()(z.object({ preset: mappingPresetSchema }).strict()),
  'import:deletePreset': method<{ deleted: boolean }>()(z.object({ name: z.string().min(1) }).strict()),
  /** Writes a preset as plain JSON to share with other consultants. */
  'import:exportPreset': method<{ path: string }>()(z.object({ name: z.string().min(1), path: z.string().min(1) }).strict()),
  /** Reads a shared preset JSON file and saves it. */
  'import:loadPreset': method<PresetInfo>()(z.object({ path: z.string().min(1) }).strict()),
};

export const importEvents = {};
