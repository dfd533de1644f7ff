import type { stream, Style, Worksheet } from 'exceljs';
import { fitCell } from './cell-text';
import { looksLikeFormula } from './formula-safety';
import type { StyleBook } from './cell-styles';
import { useFastNotes } from './fast-notes';

export type ExcelValue = string | number | boolean | Date | null;

export interface SheetColumn {
  header: string;
  width: number;
}

export interface SheetOptions {
  /** A styled header row from the columns' headers, frozen in place (default true). */
  header?: boolean;
  /** Columns kept visible when scrolling right (the key). Default 0. */
  frozenColumns?: number;
  autoFilter?: boolean;
}

/**
 * One streamed worksheet: a styled, frozen header row, then rows committed as they are written.
 * Every string goes through here, so every string is cut to Excel's cell limit and every
 * formula-like string is a text cell in the Text format: Excel shows it and never runs it.
 */
export class SheetWriter {
  private readonly ws: Worksheet;
  private nextRow = 1;
  private readonly plain: Partial<Style>;
  private readonly header: Partial<Style>;

  constructor(
    workbook: stream.xlsx.WorkbookWriter,
    readonly name: string,
    columns: SheetColumn[],
    private readonly book: StyleBook,
    options: SheetOptions = {},
  ) {
    const header = options.header ?? true;
    const last = columnLetter(Math.max(columns.length, 1));
    this.ws = workbook.addWorksheet(name, {
      ...(header ? { views: [{ state: 'frozen', xSplit: options.frozenColumns ?? 0, ySplit: 1 }] } : {}),
      ...(header && options.autoFilter && columns.length > 0 ? { autoFilter: `A1:${last}1` } : {}),
    });
    this.ws.columns = columns.map((c) => ({ width: c.width }));
    useFastNotes(this.ws);
    this.plain = book.get();
    this.header = book.get({ tone: 'header', bold: true });
    if (header) this.headerRow(columns.map((c) => c.header));
  }

  /** A bold, shaded row: the sheet's header, or a table's header inside a sheet like Summary. */
  headerRow(values: ExcelValue[]): void {
    this.row(
      values,
      values.map(() => this.header),
    );
  }

  blankRow(): void {
    this.nextRow++;
  }

  /** Writes and commits one row; styles and notes are per column, undefined for none. */
  row(values: ExcelValue[], styles?: (Partial<Style> | undefined)[], notes?: (string | undefined)[]): void {
    const row = this.ws.getRow(this.nextRow++);
    // A fresh {} per row would cost the writer a style lookup per row; a shared empty one is cached.
    // (Row.style exists at runtime; exceljs's typings leave it out.)
    (row as unknown as { style: Partial<Style> }).style = this.plain;
    for (let i = 0; i < values.length; i++) {
      let value = values[i];
      let style = styles?.[i];
      const note = notes?.[i];
      if (value === null || value === undefined) {
        if (!style && !note) continue;
        value = null;
      } else if (typeof value === 'string') {
        value = fitCell(value);
        if (looksLikeFormula(value)) style = this.book.asText(style ?? this.plain);
      } else if (typeof value === 'number' && !Number.isFinite(value)) {
        value = String(value);
      }
      const cell = row.getCell(i + 1);
      cell.value = value;
      cell.style = style ?? this.plain;
      if (note) cell.note = fitCell(note);
    }
    row.commit();
  }

  /**
   * Waits until the zip has taken most of what was written. exceljs's sheet stream ignores
   * back-pressure, so without this a fast writer buffers the whole uncompressed workbook (and
   * the compressor, fed one chunk per event-loop turn, falls ever further behind).
   */
  async drain(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (let waited = 0; this.backlog() > BACKLOG_LIMIT && waited < MAX_WAIT_MS; waited++) {
      await new Promise<void>((resolve) => setTimeout(resolve, 1));
    }
  }

  /** Bytes queued between the sheet and the compressor: private parts of exceljs and archiver, so 0 when absent. */
  private backlog(): number {
    const stream = (this.ws as unknown as { stream?: { pipes?: { _writableState?: { length?: number } }[] } }).stream;
    return stream?.pipes?.[0]?._writableState?.length ?? 0;
  }

  commit(): void {
    this.ws.commit();
  }
}

const BACKLOG_LIMIT = 4 * 1024 * 1024;
/** Never wait forever on a signal from someone else's internals. */
const MAX_WAIT_MS = 10_000;

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** A column width from the header and a sample of its texts, within bounds a screen can show. */
export function widthFor(header: string, samples: Iterable<string>, min = 8, max = 50): number {
  let longest = header.length;
  for (const s of samples) {
    const len = s.length > 200 ? 200 : firstLineLength(s);
    if (len > longest) longest = len;
  }
  return Math.min(max, Math.max(min, longest + 2));
}

function firstLineLength(s: string): number {
  const nl = s.indexOf('\n');
  return nl < 0 ? s.length : nl;
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique regardless of case. */
export class SheetNames {
  private readonly used = new Set<string>();

  take(wanted: string): string {
    const base = wanted.replace(/[[\]:*?/\\]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31) || 'Sheet';
    let name = base;
    for (let n = 2; this.used.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = base.slice(0, 31 - suffix.length) + suffix;
    }
    this.used.add(name.toLowerCase());
    return name;
  }
}
