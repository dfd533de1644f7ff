import type { Db } from '../../db/connection';
import type { CellValue, Category } from '../../../../shared/domain';
import type { ExportDateMode, ExportLayout } from '../../../../shared/contract/export';
import { fieldSpec } from '../../../../shared/rsc/fields';
import { parseValues } from '../cell-text';
import { fieldColumns } from '../field-columns';
import type { RecordScope } from '../record-scope';
import type { ZoneClock } from '../zone-time';
import { CheckContexts } from '../../compliance';
import { dateOutput, dateShapeOf, type CleanValue, type DateShape } from './date-output';

interface SourceSheetRow {
  id: number;
  name: string;
  headers_json: string;
  mapping_json: string;
  options_json: string;
}

export interface CleanRecord {
  sheet_id: number | null;
  values_json: string;
  original_json: string;
  source_json: string;
}

interface Column {
  header: string;
  /**
   * 'header': a source column, filled as its sheet's mapping says. 'field': an RSC field under its
   * own name (the RSC layout, or a field filled in the app that had no source column).
   */
  kind: 'header' | 'field';
  /** The field the header maps to in some sheet (kind 'header'), or the field itself. */
  field: string | null;
  isDate: boolean;
  shape: DateShape | null;
}

interface SheetMapping {
  byHeader: Map<string, string>;
  byField: Map<string, string>;
}

/**
 * The columns of one category's cleaned export and how each record fills them.
 * Source layout: the customer's headers in their order (every sheet the category came from,
 * unmapped columns included); a mapped header takes the field's current value, an unmapped one
 * keeps the source value; fields filled in the app that had no column come last, under their
 * RSC names. RSC layout: one column per field.
 */
export class CleanLayout {
  readonly headers: string[];
  /** The source sheet's name when the category came from exactly one sheet. */
  readonly sourceSheetName: string | null;
  /** The source's CSV delimiter when it was a CSV, for the customer's own tools. */
  readonly delimiter: string;
  private readonly columns: Column[] = [];
  private readonly mappings = new Map<number, SheetMapping>();
  /** The date formats chosen per column (workspace-wide, or per source sheet). */
  private readonly contexts: CheckContexts;

  constructor(
    db: Db,
    readonly category: Category,
    scope: RecordScope,
    layout: ExportLayout,
    private readonly dates: ExportDateMode,
    private readonly clock: ZoneClock,
  ) {
    this.contexts = new CheckContexts(db, { timeZone: clock.zone });
    const sheets = db
      .prepare('SELECT id, name, headers_json, mapping_json, options_json FROM source_sheets WHERE category = ? ORDER BY id')
      .all(category) as SourceSheetRow[];
    for (const sheet of sheets) this.mappings.set(sheet.id, parseMapping(sheet.mapping_json));
    const fields = fieldColumns(db, category);
    if (layout === 'source' && sheets.length > 0) {
      const seen = new Set<string>();
      const mapped = new Set<string>();
      for (const sheet of sheets) {
        const { byHeader, byField } = this.mappings.get(sheet.id)!;
        for (const header of parseHeaders(sheet.headers_json)) {
          if (seen.has(header)) continue;
          seen.add(header);
          const field = byHeader.get(header) ?? null;
          this.columns.push({ header, kind: 'header', field, isDate: isDateField(category, field), shape: null });
        }
        for (const field of byField.keys()) mapped.add(field);
      }
      for (const f of fields) {
        if (mapped.has(f.field) || seen.has(f.field) || !hasAnyValue(db, category, scope, f.field)) continue;
        this.columns.push({ header: f.field, kind: 'field', field: f.field, isDate: f.isDate, shape: null });
      }
    } else {
      for (const f of fields) this.columns.push({ header: f.field, kind: 'field', field: f.field, isDate: f.isDate, shape: null });
    }
    this.headers = this.columns.map((c) => c.header);
    this.sourceSheetName = sheets.length === 1 ? sheets[0].name : null;
    this.delimiter = sheets.map((s) => delimiterOf(s.options_json)).find((d) => d !== null) ?? ',';
    this.learnDateShapes(db, scope);
  }

  /** The record's row, in header order. */
  row(record: CleanRecord): CleanValue[] {
    const values = parseValues(record.values_json);
    const original = parseValues(record.original_json);
    const source = parseValues(record.source_json);
    const mapping = record.sheet_id === null ? undefined : this.mappings.get(record.sheet_id);
    const out: CleanValue[] = new Array(this.columns.length);
    for (let i = 0; i < this.columns.length; i++) {
      const c = this.columns[i];
      // A source column of the record's own sheet: its mapping decides. A record with no sheet
      // (added in the app) follows the column's mapping in whichever sheet has it.
      const field = c.kind === 'field' || !mapping ? c.field : (mapping.byHeader.get(c.header) ?? null);
      if (!field || !Object.hasOwn(values, field)) {
        out[i] = source[c.header] ?? null;
        continue;
      }
      const value = values[field] ?? null;
      out[i] = c.isDate
        ? dateOutput(value, {
            original: original[field],
            sourceCell: this.sourceCell(c, field, source, mapping),
            mode: this.dates,
            clock: this.clock,
            columnShape: c.shape,
            format: this.contexts.for(this.category, record.sheet_id).columnFormats?.[field],
          })
        : value;
    }
    return out;
  }

  /** The source cell a field's value came from, if the record has one. */
  private sourceCell(
    c: Column,
    field: string,
    source: Record<string, CellValue>,
    mapping: SheetMapping | undefined,
  ): CellValue | undefined {
    const header = c.kind === 'header' ? c.header : mapping?.byField.get(field);
    return header !== undefined && Object.hasOwn(source, header) ? source[header] : undefined;
  }

  /** Each date column's shape: the format chosen for it, else the first source cells that show one. */
  private learnDateShapes(db: Db, scope: RecordScope): void {
    const dateColumns = this.columns.filter((c) => c.isDate && c.field);
    const chosen = this.contexts.for(this.category, null).columnFormats ?? {};
    for (const c of dateColumns) {
      const format = chosen[c.field!];
      if (format) c.shape = { kind: 'text', format, utc: false };
    }
    if (dateColumns.every((c) => c.shape)) return;
    const sample = db
      .prepare(
        `SELECT r.sheet_id, r.original_json, r.source_json FROM records_wide r
          WHERE r.category = ? AND (${scope.sql}) ORDER BY r.id LIMIT 200`,
      )
      .all(this.category, ...scope.params) as Omit<CleanRecord, 'values_json'>[];
    for (const c of dateColumns.filter((d) => !d.shape)) {
      for (const record of sample) {
        const mapping = record.sheet_id === null ? undefined : this.mappings.get(record.sheet_id);
        const original = parseValues(record.original_json)[c.field!];
        const cell = this.sourceCell(c, c.field!, parseValues(record.source_json), mapping) ?? original;
        const shape = dateShapeOf(cell, this.clock, original);
        if (shape) {
          c.shape = shape;
          break;
        }
      }
    }
  }
}

/** Whether some record in scope has a non-empty value for a field (RSC field names are plain identifiers). */
function hasAnyValue(db: Db, category: Category, scope: RecordScope, field: string): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) return true;
  const row = db
    .prepare(
      `SELECT 1 AS found FROM records_wide r
        WHERE r.category = ? AND (${scope.sql}) AND coalesce(json_extract(r.values_json, ?), '') != ''
        LIMIT 1`,
    )
    .get(category, ...scope.params, `$.${field}`);
  return row !== undefined;
}

function isDateField(category: Category, field: string | null): boolean {
  return field !== null && fieldSpec(category, field)?.type === 'epochMs';
}

function parseHeaders(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.map((h) => String(h)) : [];
  } catch {
    return [];
  }
}

function parseMapping(json: string): SheetMapping {
  const byHeader = new Map<string, string>();
  const byField = new Map<string, string>();
  for (const [header, field] of Object.entries(parseValues(json))) {
    if (typeof field !== 'string' || field === '') continue;
    byHeader.set(header, field);
    if (!byField.has(field)) byField.set(field, header);
  }
  return { byHeader, byField };
}

function delimiterOf(optionsJson: string): string | null {
  const d = parseValues(optionsJson).delimiter;
  return typeof d === 'string' && [',', ';', '\t', '|'].includes(d) ? d : null;
}
