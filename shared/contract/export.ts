// The 'export' domain of the contract: the audit workbook and the cleaned spreadsheets.
import { z } from 'zod';
import { method } from './define';
import { CATEGORIES } from '../domain';
import { gridFilterSchema, type GridFilter } from './records';

/**
 * A filtered view of one category: the grid's own filter, so an export holds exactly the rows
 * the consultant sees (what you see is what you get).
 */
export const exportFilterSchema = gridFilterSchema;
export type ExportFilter = GridFilter;

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** 'source': the customer's own headers and column order; 'rsc': one column per RSC field. */
export const EXPORT_LAYOUTS = ['source', 'rsc'] as const;
export type ExportLayout = (typeof EXPORT_LAYOUTS)[number];
/** 'source': dates as the source wrote them (edited ones in the same format); 'epochMs': epoch milliseconds. */
export const EXPORT_DATE_MODES = ['source', 'epochMs'] as const;
export type ExportDateMode = (typeof EXPORT_DATE_MODES)[number];

export const auditExportInputSchema = z
  .object({
    /** Absolute path of the .xlsx to write. */
    path: z.string().min(1),
    /** Full request/response bodies in their own sheet (default) or left out. */
    includeBodies: z.boolean().optional(),
    filter: exportFilterSchema.optional(),
    /**
     * Cell notes are costly in Excel and in the writer: past this many, flagged cells keep their
     * fill but lose their note (the Issues column still lists every issue). Default 50,000.
     */
    maxNotes: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();
export type AuditExportInput = z.infer<typeof auditExportInputSchema>;

export const cleanExportInputSchema = z
  .object({
    /** Absolute path of the file to write. CSV with several categories writes `<name>-<category>.csv` beside it. */
    path: z.string().min(1),
    /** Default: every category that has records (or the filter's category). */
    category: z.union([z.enum(CATEGORIES), z.array(z.enum(CATEGORIES)).min(1)]).optional(),
    format: z.enum(EXPORT_FORMATS).optional(),
    layout: z.enum(EXPORT_LAYOUTS).optional(),
    dates: z.enum(EXPORT_DATE_MODES).optional(),
    filter: exportFilterSchema.optional(),
  })
  .strict();
export type CleanExportInput = z.infer<typeof cleanExportInputSchema>;

export interface ExportResult {
  /** The file written; with one CSV per category, the first of them. */
  path: string;
  /** Every file written, in order. */
  files: string[];
  /** Sheet names (xlsx) or categories (csv), in order. */
  sheets: string[];
  /** Data rows written, headers not counted. */
  rows: number;
  bytes: number;
  durationMs: number;
  /** Flagged cells whose note was left out past `maxNotes` (audit only). */
  notesOmitted: number;
}

export const exportMethods = {
  'export:audit': method<ExportResult>()(auditExportInputSchema),
  'export:clean': method<ExportResult>()(cleanExportInputSchema),
};

export const exportEvents = {};
