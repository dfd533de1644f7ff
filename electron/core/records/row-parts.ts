import type { Db } from '../db/connection';
import type { CellValue, FieldValues, Fix, Severity } from '../../../shared/domain';
import type { RowIssue } from '../../../shared/contract/records';

/** JSON columns are written by our own code; a damaged one shows as empty rather than failing the grid. */
export function parseValues(text: string | null): FieldValues {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as FieldValues) : {};
  } catch {
    return {};
  }
}

export function parseCell(text: string | null): CellValue {
  if (text === null) return null;
  try {
    return JSON.parse(text) as CellValue;
  } catch {
    return text;
  }
}

export function sameCell(a: CellValue | undefined, b: CellValue | undefined): boolean {
  return (a ?? null) === (b ?? null);
}

/** Fields whose current value differs from the imported one, with the imported value. */
export function editedOriginals(original: FieldValues, current: FieldValues): FieldValues {
  const out: FieldValues = {};
  for (const field of new Set([...Object.keys(original), ...Object.keys(current)])) {
    if (!sameCell(original[field], current[field])) out[field] = original[field] ?? null;
  }
  return out;
}

interface IssueRow {
  record_id: number;
  rule: string;
  field: string;
  severity: Severity;
  message: string;
  fix_json: string | null;
}

export function parseFix(text: string | null): Fix | null {
  if (!text) return null;
  try {
    const fix = JSON.parse(text) as Fix;
    return typeof fix === 'object' && fix !== null && typeof fix.field === 'string' ? fix : null;
  } catch {
    return null;
  }
}

const SEVERITY_ORDER: Record<string, number> = { error: 0, warning: 1, info: 2 };

/** Issues of many records in one indexed query, grouped by record, most severe first. */
export function issuesOf(db: Db, recordIds: number[]): Map<number, RowIssue[]> {
  const out = new Map<number, RowIssue[]>();
  if (recordIds.length === 0) return out;
  const rows = db
    .prepare(
      `SELECT record_id, rule, field, severity, message, fix_json FROM record_issues
        WHERE record_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(recordIds)) as IssueRow[];
  for (const r of rows) {
    const list = out.get(r.record_id) ?? [];
    list.push({ rule: r.rule, field: r.field, severity: r.severity, message: r.message, fix: parseFix(r.fix_json) });
    out.set(r.record_id, list);
  }
  for (const list of out.values()) list.sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3));
  return out;
}

interface SheetRow {
  id: number;
  headers_json: string;
  mapping_json: string;
}

/** Per source sheet, its headers that are not mapped to an RSC field, in sheet order. */
export function unmappedHeaders(db: Db, sheetIds: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (sheetIds.length === 0) return out;
  const rows = db
    .prepare('SELECT id, headers_json, mapping_json FROM source_sheets WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify([...new Set(sheetIds)])) as SheetRow[];
  for (const row of rows) out.set(row.id, unmappedOf(row.headers_json, row.mapping_json));
  return out;
}

export function unmappedOf(headersJson: string, mappingJson: string): string[] {
  const headers = parseArray(headersJson);
  const mapping = parseValues(mappingJson);
  return headers.filter((h) => {
    const target = mapping[h];
    return typeof target !== 'string' || target === '';
  });
}

function parseArray(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export function pick(values: FieldValues, names: string[] | undefined): FieldValues {
  const out: FieldValues = {};
  for (const name of names ?? []) if (name in values) out[name] = values[name];
  return out;
}
