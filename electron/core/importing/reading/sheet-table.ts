import type { DistinctValue } from '../../../../shared/contract/import';
import { importFailure } from '../import-failure';
import { DISTINCT_VALUES_PER_COLUMN, HEADER_SEARCH_ROWS } from '../limits';
import { columnLetter, isBlankCell, widthOf, type ParsedSheet, type RawCell, type RawRow } from './parsed-sheet';
import { cellAsText } from './raw-cell-text';
import { isKnownHeader } from '../mapping/known-headers';

/** A sheet read as a table: its header row, unique headers, and the rows below that are data. */
export interface SheetTable {
  sheet: ParsedSheet;
  headerRow: number;
  headers: string[];
  headerNotes: string[];
  /** Index in sheet.rows of the first data row. */
  start: number;
  /** Index in sheet.rows after the last data row (a trailing total row is left out). */
  end: number;
  totalRow: RawRow | null;
  /** row number → cells of the "(link)" columns, by column index. */
  linkCells: Map<number, Map<number, string>>;
}

/** The cells of data row `index` (an index in sheet.rows), with any "(link)" column cells. */
export function rowCells(table: SheetTable, index: number): RawCell[] {
  const row = table.sheet.rows[index];
  const links = table.linkCells.size > 0 ? table.linkCells.get(row.row) : undefined;
  if (!links) return row.cells;
  const cells = row.cells.slice();
  for (const [column, url] of links) {
    while (cells.length <= column) cells.push(null);
    cells[column] = url;
  }
  return cells;
}

/**
 * Builds the table with the given header row, or the detected one. Title rows and blank rows
 * above the header are common in hand-edited exports; a trailing "Total" row is not a record.
 */
export function buildTable(sheet: ParsedSheet, headerRow?: number): SheetTable {
  if (sheet.rows.length === 0) {
    throw importFailure('NO_DATA', `Sheet "${sheet.name}" is empty`, 'choose another sheet or export the data again');
  }
  let headerIndex: number;
  if (headerRow !== undefined) {
    headerIndex = sheet.rows.findIndex((r) => r.row === headerRow);
    if (headerIndex < 0) {
      throw importFailure('BAD_MAPPING', `Row ${headerRow} of "${sheet.name}" is empty and cannot be the header row`, 'choose the row that holds the column names');
    }
  } else {
    headerIndex = detectHeaderIndex(sheet.rows);
  }
  const header = sheet.rows[headerIndex];
  let width = header.cells.length;
  for (let i = headerIndex + 1; i < sheet.rows.length; i++) width = Math.max(width, widthOf(sheet.rows[i]));
  const { headers, notes } = uniqueHeaders(header.cells, width, sheet.columnNames);
  let end = sheet.rows.length;
  let totalRow: RawRow | null = null;
  if (end - 1 > headerIndex && isTotalRow(sheet.rows[end - 1])) {
    totalRow = sheet.rows[end - 1];
    end--;
  }
  const table: SheetTable = {
    sheet, headerRow: header.row, headers, headerNotes: notes, start: headerIndex + 1, end, totalRow, linkCells: new Map(),
  };
  addLinkColumns(table);
  return table;
}

/**
 * The header is the row among the first few that looks most like column names: many
 * non-empty text cells, known header names, as wide as the data below it. Ties go to the
 * earliest row (the data below a header can look like text too).
 */
export function detectHeaderIndex(rows: RawRow[]): number {
  const n = Math.min(rows.length, HEADER_SEARCH_ROWS);
  let widest = 0;
  const filled = rows.slice(0, n).map((r) => r.cells.filter((c) => !isBlankCell(c)).length);
  for (const f of filled) widest = Math.max(widest, f);
  let best = 0;
  let bestScore = -Infinity;
  for (let i = 0; i < n; i++) {
    const cells = rows[i].cells.filter((c) => !isBlankCell(c));
    const texts = cells.filter((c): c is string => typeof c === 'string');
    const known = texts.filter((t) => isKnownHeader(t)).length;
    const distinct = new Set(texts.map((t) => t.trim().toLowerCase())).size;
    let score = known * 4 + distinct + (texts.length === cells.length ? 2 : -2 * (cells.length - texts.length));
    if (cells.length < Math.max(2, widest * 0.5)) score *= 0.25;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}

export function uniqueHeaders(cells: RawCell[], width: number, names: ParsedSheet['columnNames']): { headers: string[]; notes: string[] } {
  const headers: string[] = [];
  const notes: string[] = [];
  const used = new Set<string>();
  for (let c = 0; c < width; c++) {
    const label = names === 'letters' ? `Column ${columnLetter(c)}` : `Column ${c + 1}`;
    let name = (cellAsText(cells[c]) ?? '').replace(/\s+/g, ' ').trim();
    if (name === '') {
      name = label;
      notes.push(`${label} has no header: named "${name}"`);
    }
    if (used.has(name.toLowerCase())) {
      const base = name;
      for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base} (${k})`;
      notes.push(`${label}: "${base}" appears more than once: named "${name}"`);
    }
    used.add(name.toLowerCase());
    headers.push(name);
  }
  return { headers, notes };
}

const TOTAL = /^(grand\s+)?(totals?|sum|summe|gesamt|totaal|totale?)\b/i;

export function isTotalRow(row: RawRow): boolean {
  const first = row.cells.find((c) => !isBlankCell(c));
  return typeof first === 'string' && TOTAL.test(first.trim());
}

/**
 * A hyperlink whose text means something itself ("Jane Doe") keeps its target in an extra
 * column "<header> (link)", so the link can be mapped (to a profile URL) like any column.
 */
function addLinkColumns(table: SheetTable): void {
  const { sheet } = table;
  if (sheet.links.length === 0 || table.start >= table.end) return;
  const first = sheet.rows[table.start].row;
  const last = sheet.rows[table.end - 1].row;
  const linkColumn = new Map<number, number>();
  for (const link of sheet.links) {
    if (link.row < first || link.row > last) continue;
    let target = linkColumn.get(link.column);
    if (target === undefined) {
      target = table.headers.length;
      const base = `${table.headers[link.column] ?? `Column ${link.column + 1}`} (link)`;
      let name = base;
      for (let k = 2; table.headers.includes(name); k++) name = `${base} ${k}`;
      table.headers.push(name);
      linkColumn.set(link.column, target);
    }
    let cells = table.linkCells.get(link.row);
    if (!cells) table.linkCells.set(link.row, (cells = new Map()));
    cells.set(target, link.url);
  }
}

/** Distinct values (as text) per column with their counts, up to a bound per column; over the first `maxRows` rows when given. */
export function distinctValues(table: SheetTable, columns?: number[], maxRows = Infinity): DistinctValue[][] {
  const wanted = columns ?? table.headers.map((_, i) => i);
  const maps: Map<string, number>[] = table.headers.map(() => new Map());
  const end = Math.min(table.end, table.start + maxRows);
  for (let i = table.start; i < end; i++) {
    const cells = rowCells(table, i);
    for (const c of wanted) {
      const text = cellAsText(cells[c]);
      if (text === null) continue;
      const map = maps[c];
      const n = map.get(text);
      if (n !== undefined) map.set(text, n + 1);
      else if (map.size < DISTINCT_VALUES_PER_COLUMN) map.set(text, 1);
    }
  }
  return maps.map((m) => [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count));
}

/** Distinct values of one column at a time (over the first `maxRows` rows), computed on first request and remembered. */
export function lazyDistinct(table: SheetTable, maxRows = Infinity): (column: number) => DistinctValue[] {
  const cache = new Map<number, DistinctValue[]>();
  return (column) => {
    let values = cache.get(column);
    if (!values) {
      values = distinctValues(table, [column], maxRows)[column] ?? [];
      cache.set(column, values);
    }
    return values;
  };
}
