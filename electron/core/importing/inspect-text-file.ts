import type { Delimiter, DistinctValue, FileInspection, SheetInspection, TextEncoding } from '../../../shared/contract/import';
import { importFailure } from './import-failure';
import { readCsv } from './reading/csv-reader';
import { detectFileFormat } from './reading/file-format';
import { cellName, type ParsedSheet, type RawCell, type RawRow } from './reading/parsed-sheet';
import { cellAsText, sourceValue } from './reading/raw-cell-text';
import { detectHeaderIndex, isTotalRow, uniqueHeaders } from './reading/sheet-table';
import { suggestMapping } from './mapping/suggest-mapping';
import { DISTINCT_VALUES_PER_COLUMN, HEADER_SEARCH_ROWS, PREVIEW_ROWS } from './limits';
import type { InspectHooks } from './inspect-file';

const MAX_ISSUES = 200;

/**
 * The wizard's inspection of a text file in one pass over it, holding no more than its first
 * rows (header search, preview), the row read last (it may be a total row) and, per column, up
 * to DISTINCT_VALUES_PER_COLUMN distinct values with their counts: what inspectFile says of the
 * same file read whole. For files too large to keep for the import (parsed-file-cache.ts).
 */
export async function inspectTextFile(
  path: string,
  options: { encoding?: TextEncoding; delimiter?: Delimiter } = {},
  hooks: InspectHooks & { throwIfCancelled?(): void } = {},
): Promise<FileInspection> {
  const format = detectFileFormat(path);
  let pass = new OnePass();
  const read = await readCsv(path, format.name, {
    ...options,
    throwIfCancelled: hooks.throwIfCancelled,
    onRows: (sheet, rows) => hooks.onProgress?.(rows, rows * 2, `Reading ${sheet}: ${rows.toLocaleString('en-US')} rows`),
    passRows: {
      // Again from the start when the file is read again (its quotes, its encoding).
      sheet: () => void (pass = new OnePass()),
      row: (row, cells) => pass.add({ row, cells }),
    },
  });
  if (read.rows === 0) throw importFailure('NO_DATA', `${format.name} contains no rows`, 'export the data from the ATS again');
  return {
    path,
    name: format.name,
    size: format.size,
    kind: 'csv',
    text: read.format,
    sheets: [pass.inspection(read.sheet, hooks.presets ?? [])],
  };
}

/** What one pass over a sheet's rows keeps of them. */
class OnePass {
  /** The first rows, among which the header is looked for (and the preview's). */
  private readonly head: RawRow[] = [];
  private headerIndex = -1;
  /** The data row read last, counted once another follows: the last may be a total row. */
  private pending: RawRow | null = null;
  private dataRows = 0;
  private width = 0;
  private readonly distinct: Map<string, number>[] = [];

  add(row: RawRow): void {
    if (this.headerIndex < 0) {
      this.head.push(row);
      if (this.head.length === HEADER_SEARCH_ROWS) this.findHeader();
      return;
    }
    this.data(row);
  }

  private findHeader(): void {
    this.headerIndex = detectHeaderIndex(this.head);
    this.width = this.head[this.headerIndex].cells.length;
    for (const row of this.head.slice(this.headerIndex + 1)) this.data(row);
  }

  private data(row: RawRow): void {
    if (this.pending) this.count(this.pending);
    this.pending = row;
    this.width = Math.max(this.width, row.cells.length);
  }

  private count(row: RawRow): void {
    this.dataRows++;
    const cells = row.cells;
    for (let c = 0; c < cells.length; c++) {
      const text = cellAsText(cells[c]);
      if (text === null) continue;
      const map = (this.distinct[c] ??= new Map());
      const n = map.get(text);
      if (n !== undefined) map.set(text, n + 1);
      else if (map.size < DISTINCT_VALUES_PER_COLUMN) map.set(text, 1);
    }
  }

  inspection(sheet: ParsedSheet, presets: Parameters<typeof suggestMapping>[0]['presets']): SheetInspection {
    if (this.headerIndex < 0) this.findHeader();
    // A trailing "Total" row is not a record (buildTable).
    if (this.pending && !isTotalRow(this.pending)) this.count(this.pending);
    const header = this.head[this.headerIndex];
    const { headers, notes } = uniqueHeaders(header.cells as RawCell[], this.width, sheet.columnNames);
    const distinct: DistinctValue[][] = headers.map((_, c) =>
      [...(this.distinct[c] ?? new Map<string, number>())].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count),
    );
    const suggestion = suggestMapping({ sheet: sheet.name, headers, distinctValues: (c) => distinct[c] ?? [], presets });
    const issues = sheet.issues.slice(0, MAX_ISSUES).map((i) => ({
      sheet: sheet.name,
      row: i.row,
      cell: cellName(sheet, i.row, i.column),
      message: `${cellName(sheet, i.row, i.column)} ${i.message}`,
    }));
    return {
      sheet: sheet.name,
      rows: this.dataRows,
      headerRow: header.row,
      headers,
      headerNotes: notes,
      preview: this.head.slice(0, PREVIEW_ROWS).map((r) => ({ row: r.row, cells: r.cells.map(sourceValue) })),
      distinctValues: distinct,
      category: suggestion.category,
      categoryScores: suggestion.categoryScores,
      mapping: suggestion.mapping,
      missingKeyFields: suggestion.missingKeyFields,
      valueMappings: suggestion.valueMappings,
      preset: suggestion.preset,
      issues,
      issueCount: sheet.issues.length,
    };
  }
}
