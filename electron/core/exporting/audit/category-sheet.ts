import type { Style } from 'exceljs';
import { CATEGORY_LABELS, type CellValue, type Category, type Severity } from '../../../../shared/domain';
import { readEpochMs } from '../../../../shared/values/dates';
import { displayValue, parseValues, sameValue } from '../cell-text';
import { DATE_FORMAT, INTEGER_FORMAT } from '../cell-styles';
import { fieldColumns, type FieldColumn } from '../field-columns';
import { redactText } from '../redact';
import { SheetWriter, widthFor, type ExcelValue } from '../sheet-writer';
import { isExcelDate } from '../zone-time';
import { CheckContexts } from '../../compliance';
import type { AuditContext } from './audit-context';
import { SEVERITY_LABEL, STATUS_LABEL, SYNC_LABEL } from './labels';

interface RecordRow {
  id: number;
  sheet_id: number | null;
  key: string;
  status: string;
  excluded: number;
  exclude_reason: string | null;
  values_json: string;
  original_json: string;
  sync_status: string | null;
  sync_message: string | null;
  synced_at: number | null;
  linkedin_urn: string | null;
  issues_json: string;
}

type IssueTuple = [rule: string, field: string, severity: Severity, message: string];

const SEVERITY_RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };
const FIXED_HEADERS = ['Key', 'Status', 'Excluded', 'Issues', 'Sync status', "LinkedIn's answer", 'LinkedIn URN', 'Synced at'];
const SAMPLE_ROWS = 200;

interface BuiltRow {
  values: ExcelValue[];
  styles: (Partial<Style> | undefined)[];
  notes: (string | undefined)[];
}

/**
 * One sheet per category: each record's key, status, issues, sync state and LinkedIn's answer,
 * then every field's current value. A failing cell is filled by its worst severity with the
 * rules' messages as its note; an edited cell is italic with its original value in the note.
 * Each date field is followed by the same instant as an Excel date in the workspace's zone.
 */
export async function writeCategorySheet(ctx: AuditContext, category: Category): Promise<string> {
  const { db, scope, book, clock } = ctx;
  const fields = fieldColumns(db, category);
  const headers = [...FIXED_HEADERS];
  for (const f of fields) {
    headers.push(f.field);
    if (f.isDate) headers.push(`${f.field} (date, ${clock.zone})`);
  }

  // Dates are read as the checks read them: in the workspace zone, with the column formats chosen.
  const contexts = new CheckContexts(db, { timeZone: clock.zone });
  const query = db.prepare(
    `SELECT r.id, r.sheet_id, r.key, r.status, r.excluded, r.exclude_reason, r.values_json, r.original_json,
            r.sync_status, r.sync_message, r.synced_at, r.linkedin_urn,
            (SELECT json_group_array(json_array(i.rule, i.field, i.severity, i.message))
               FROM record_issues i WHERE i.record_id = r.id) AS issues_json
       FROM records_wide r
      WHERE r.category = ? AND (${scope.sql})
      ORDER BY r.id`,
  );
  const params = [category, ...scope.params];

  const styles = {
    date: book.get({ numFmt: DATE_FORMAT }),
    epoch: book.get({ numFmt: INTEGER_FORMAT }),
    status: {
      compliant: book.get({ tone: 'good' }),
      warning: book.get({ tone: 'warning' }),
      error: book.get({ tone: 'error' }),
    } as Record<string, Partial<Style>>,
    sync: { succeeded: book.get({ tone: 'good' }), failed: book.get({ tone: 'error' }) } as Record<string, Partial<Style>>,
  };

  const appendField = (
    out: BuiltRow,
    f: FieldColumn,
    values: Record<string, CellValue>,
    original: Record<string, CellValue>,
    byField: Map<string, { severity: Severity; lines: string[] }>,
    withNotes: boolean,
    format: string | undefined,
  ) => {
    const value = values[f.field] ?? null;
    const flagged = byField.get(f.field);
    const edited = !sameValue(value, original[f.field]);
    const numFmt = f.isDate && typeof value === 'number' ? INTEGER_FORMAT : undefined;
    const style = flagged || edited ? book.severity(flagged?.severity ?? null, edited, numFmt) : numFmt ? styles.epoch : undefined;
    let note: string | undefined;
    if ((flagged || edited) && withNotes && ctx.notes.take()) {
      const lines = flagged ? [...flagged.lines] : [];
      if (edited) lines.push(`Edited. Original value: ${displayValue(original[f.field])}`);
      note = lines.join('\n');
    }
    out.values.push(value);
    out.styles.push(style);
    out.notes[out.values.length - 1] = note;
    if (f.isDate) {
      out.values.push(dateCell(value, format));
      out.styles.push(styles.date);
    }
  };

  const dateCell = (value: CellValue, format: string | undefined): Date | null => {
    if (value === null || value === '') return null;
    const reading = readEpochMs(value, { timeZone: clock.zone, format });
    return reading.kind === 'ok' && isExcelDate(reading.ms) ? clock.wallClockDate(reading.ms) : null;
  };

  const build = (row: RecordRow, withNotes: boolean): BuiltRow => {
    const values = parseValues(row.values_json);
    // Most records were never edited: one parse serves both.
    const original = row.original_json === row.values_json ? values : parseValues(row.original_json);
    const issues = (JSON.parse(row.issues_json) as IssueTuple[]).sort(
      (a, b) => SEVERITY_RANK[a[2]] - SEVERITY_RANK[b[2]] || a[1].localeCompare(b[1]),
    );
    const byField = new Map<string, { severity: Severity; lines: string[] }>();
    for (const [rule, field, severity, message] of issues) {
      const entry = byField.get(field);
      const line = `${SEVERITY_LABEL[severity] ?? severity} (${rule}): ${message}`;
      if (entry) entry.lines.push(line);
      else byField.set(field, { severity, lines: [line] });
    }
    const out: BuiltRow = {
      values: [
        row.key,
        STATUS_LABEL[row.status] ?? row.status,
        row.excluded ? (row.exclude_reason ? `Yes: ${row.exclude_reason}` : 'Yes') : null,
        issues.length === 0
          ? null
          : issues.map(([rule, field, severity, message]) => `${SEVERITY_LABEL[severity] ?? severity} in ${field || 'record'}: ${message} [${rule}]`).join('; '),
        row.sync_status ? (SYNC_LABEL[row.sync_status] ?? row.sync_status) : null,
        row.sync_message ? redactText(row.sync_message) : null,
        row.linkedin_urn,
        row.synced_at !== null && isExcelDate(row.synced_at) ? clock.wallClockDate(row.synced_at) : null,
      ],
      styles: [
        undefined,
        styles.status[row.status],
        undefined,
        undefined,
        row.sync_status ? styles.sync[row.sync_status] : undefined,
        undefined,
        undefined,
        styles.date,
      ],
      notes: [],
    };
    const formats = contexts.for(category, row.sheet_id).columnFormats;
    for (const f of fields) appendField(out, f, values, original, byField, withNotes, formats?.[f.field]);
    return out;
  };

  const widths = columnWidths(
    headers,
    (db.prepare(`${query.source} LIMIT ${SAMPLE_ROWS}`).all(...params) as RecordRow[]).map((r) => build(r, false).values),
  );

  const name = ctx.names.take(CATEGORY_LABELS[category]);
  const sheet = new SheetWriter(
    ctx.workbook,
    name,
    headers.map((header, i) => ({ header, width: widths[i] })),
    book,
    { frozenColumns: 1, autoFilter: true },
  );
  const message = `Writing ${CATEGORY_LABELS[category]}`;
  for (const row of query.iterate(...params) as IterableIterator<RecordRow>) {
    if (row.excluded) ctx.excludedIds.push(row.id);
    const built = build(row, true);
    sheet.row(built.values, built.styles, built.notes);
    await ctx.pacer.row(message, sheet);
  }
  sheet.commit();
  return name;
}

const FIXED_WIDTHS: Record<string, [number, number]> = {
  Issues: [20, 80],
  "LinkedIn's answer": [16, 60],
  'Synced at': [19, 19],
};

function columnWidths(headers: string[], rows: ExcelValue[][]): number[] {
  return headers.map((header, i) => {
    if (header.includes('(date,')) return 19;
    const [min, max] = FIXED_WIDTHS[header] ?? [8, 50];
    return widthFor(
      header,
      rows.map((r) => textOf(r[i])),
      min,
      max,
    );
  });
}

function textOf(value: ExcelValue): string {
  if (value === null) return '';
  if (value instanceof Date) return 'yyyy-mm-dd hh:mm:ss';
  return String(value);
}
