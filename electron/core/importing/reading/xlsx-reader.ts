import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { ContractFailure } from '../../../../shared/contract/define';
import { importFailure } from '../import-failure';
import { MAX_ROWS_PER_SHEET } from '../limits';
import { NotAWorkbook, parseWorkbookParts, WorkbookTooLarge, worksheetCount, type WorkbookPartReaders } from './xlsx-parts';
import { openZip, utf8Text, type ZipArchive } from './zip-archive';
import { SheetXmlTap, type MergeRange } from './sheet-xml-tap';
import { cellTooLarge, MAX_CELL_CHARS, stringLimitFailure } from './cell-guard';
import { convertObjectCell, resolveHyperlink, type CellContext } from './xlsx-cells';
import { columnIndex, RowArena, type ParsedSheet, type RawCell, type RawRow } from './parsed-sheet';
import type { PassedSheet, ReadHooks } from './read-hooks';
import { keepOutOfRangeDateNumbers } from './excel-date-range';

keepOutOfRangeDateNumbers();

/**
 * The parts of exceljs's streaming reader used here that its typings leave out. They are stable
 * across exceljs 4.x: the workbook's part readers (see xlsx-parts.ts) yield worksheets and
 * hyperlink relationships, and a worksheet reader parses the XML it finds in `iterator`.
 */
interface StreamWorkbook extends WorkbookPartReaders {
  on(event: 'entry', listener: (entry: { type: string; id?: string }) => void): void;
  properties?: { date1904?: boolean };
}
interface StreamWorksheet {
  name: string;
  iterator: AsyncIterable<Buffer | string>;
  parse(): AsyncIterable<{ eventType: string; value: unknown }[]>;
}
interface StreamHyperlinks {
  id: string;
  on(event: 'hyperlink', listener: (rel: { rId: string; target: string }) => void): void;
  read(): Promise<void>;
}
interface StreamRow {
  number: number;
  values: unknown[];
  getCell(col: number): { numFmt?: string };
}

export interface XlsxReadOptions extends ReadHooks {
  /** Read only these sheets (others are skipped without parsing); all when omitted. */
  sheets?: string[];
  maxRows?: number;
}

interface SheetState {
  sheet: ParsedSheet;
  fileNo: string;
  tap: SheetXmlTap;
  /** cell ref → relationship id, from the sheet's <hyperlinks> (they follow the rows). */
  hyperlinkRefs: { ref: string; rId: string }[];
  /** Rows read (kept in `sheet`, or passed on). */
  rows: number;
}

/** What a sheet's XML says after its rows, applied to the rows once they are all read. */
export interface SheetEnd {
  merges: MergeRange[];
  /** Hyperlinks by cell reference ("B2", "B2:B4"), with their targets. */
  hyperlinks: { ref: string; target: string }[];
}

export interface XlsxRead {
  sheets: ParsedSheet[];
  /** Every sheet's name, read or not. */
  names: string[];
  /** With `passRows`, each read sheet's row count and its end, left for whoever keeps the rows (applySheetEnd). */
  passed: { rows: number; end: SheetEnd }[];
}

const CANCEL_CHECK_ROWS = 2048;

/**
 * Reads an .xlsx with exceljs's streaming part readers over a random-access zip: never the whole-workbook reader,
 * which needs ~1.6 GB for 100k rows × 30 columns. Rows are packed outside the JS heap (see
 * RowArena); merged cells and hyperlinks, which the XML stores after the rows, are applied
 * once a sheet ends.
 */
export async function readXlsx(
  path: string,
  name: string,
  options: XlsxReadOptions = {},
): Promise<XlsxRead> {
  let zip: ZipArchive;
  try {
    zip = await openZip(path);
  } catch (err) {
    throw importFailure(
      'CORRUPT_FILE',
      `${name} is damaged and cannot be read as an Excel workbook (${errorText(err)})`,
      'open it in Excel and save it again as .xlsx, or export it from the ATS again',
    );
  }
  // The reader is used only for its state (shared strings, styles, sheet names) and part readers.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // 'emit', not 'cache': in exceljs 4.4 'cache' drops the sheet relationships that hold the link targets.
    hyperlinks: 'emit',
    styles: 'cache',
    entries: 'emit',
  }) as unknown as StreamWorkbook;
  let pendingFileNo = '';
  reader.on('entry', (entry) => {
    if (entry.type === 'worksheet' && entry.id) pendingFileNo = entry.id;
  });
  const wanted = options.sheets ? new Set(options.sheets) : null;
  const maxRows = options.maxRows ?? MAX_ROWS_PER_SHEET;
  const states: SheetState[] = [];
  const names: string[] = [];
  const rels = new Map<string, Map<string, string>>();
  try {
    for await (const { eventType, value } of parseWorkbookParts(reader, zip)) {
      if (eventType === 'hyperlinks') {
        const links = value as StreamHyperlinks;
        const map = new Map<string, string>();
        links.on('hyperlink', (rel) => map.set(rel.rId, rel.target));
        await links.read();
        rels.set(links.id, map);
      } else if (eventType === 'worksheet') {
        const ws = value as StreamWorksheet;
        names.push(ws.name);
        if (wanted && !wanted.has(ws.name)) {
          (ws.iterator as Readable).destroy();
          continue;
        }
        // The sheet's hyperlink relationships come before it: whether its end will change cells is known now.
        const passed = { linked: (rels.get(pendingFileNo)?.size ?? 0) > 0, only: wanted ? wanted.size === 1 : worksheetCount(zip) === 1 };
        const state = await readWorksheet(ws, pendingFileNo, passed, reader, options, maxRows, name);
        states.push(state);
      }
    }
  } catch (err) {
    if (err instanceof ContractFailure) throw err;
    const tooLong = stringLimitFailure(err, name);
    if (tooLong) throw tooLong;
    if (err instanceof WorkbookTooLarge) {
      throw importFailure('FILE_TOO_LARGE', `${name} ${err.message}`, 'split it into smaller workbooks, or save it as .csv');
    }
    if (err instanceof NotAWorkbook) {
      throw importFailure('CORRUPT_FILE', `${name} is a zip archive but not an Excel workbook`, 'export the data from the ATS as .xlsx or .csv');
    }
    throw importFailure(
      'CORRUPT_FILE',
      `${name} is damaged and cannot be read as an Excel workbook (${errorText(err)})`,
      'open it in Excel and save it again as .xlsx, or export it from the ATS again',
    );
  } finally {
    zip.close();
  }
  const ends = states.map((state): SheetEnd => {
    const links = rels.get(state.fileNo);
    return {
      merges: state.tap.merges(),
      hyperlinks: state.hyperlinkRefs.flatMap(({ ref, rId }) => {
        const target = links?.get(rId);
        return target ? [{ ref, target }] : [];
      }),
    };
  });
  if (options.passRows) return { sheets: states.map((s) => s.sheet), names, passed: states.map((s, i) => ({ rows: s.rows, end: ends[i] })) };
  states.forEach((state, i) => applySheetEnd(state.sheet, ends[i]));
  return { sheets: states.map((s) => s.sheet), names, passed: [] };
}

/** Merged cells, then hyperlinks: what the sheet's XML says after its rows. */
export function applySheetEnd(sheet: ParsedSheet, end: SheetEnd): void {
  applyMerges(sheet, end.merges);
  applyHyperlinks(sheet, end.hyperlinks);
}

async function readWorksheet(
  ws: StreamWorksheet,
  fileNo: string,
  passed: Pick<PassedSheet, 'linked' | 'only'>,
  workbook: StreamWorkbook,
  options: XlsxReadOptions,
  maxRows: number,
  fileName: string,
): Promise<SheetState> {
  const tap = new SheetXmlTap();
  // Tapped as raw bytes, then decoded so a character split between two chunks stays whole.
  ws.iterator = utf8Text(tap.wrap(ws.iterator));
  const sheet: ParsedSheet = { name: ws.name, rows: [], links: [], issues: [], columnNames: 'letters' };
  const state: SheetState = { sheet, fileNo, tap, hyperlinkRefs: [], rows: 0 };
  const date1904 = workbook.properties?.date1904 === true;
  options.passRows?.sheet({ name: ws.name, columnNames: sheet.columnNames, ...passed });
  const arena = new RowArena();
  let seen = 0;
  for await (const events of ws.parse()) {
    for (const { eventType, value } of events) {
      if (eventType === 'row') {
        const row = value as StreamRow;
        const cells = convertRow(row, sheet, date1904, fileName);
        if (cells) {
          if (options.passRows) options.passRows.row(row.number, cells);
          else sheet.rows.push(arena.pack(row.number, cells));
          if (++state.rows > maxRows) throw tooManyRows(ws.name, maxRows);
        }
        if (++seen % CANCEL_CHECK_ROWS === 0) {
          options.throwIfCancelled?.();
          options.onRows?.(ws.name, seen, tap.dimensionRows);
        }
      } else if (eventType === 'hyperlink') {
        const link = value as { ref: string; rId?: string };
        if (link.rId) state.hyperlinkRefs.push({ ref: link.ref, rId: link.rId });
      }
    }
  }
  options.onRows?.(ws.name, seen, seen);
  return state;
}

/** The row's cells as a dense array, or null when every cell is blank. */
function convertRow(row: StreamRow, sheet: ParsedSheet, date1904: boolean, fileName: string): RawCell[] | null {
  const values = row.values;
  const n = values.length - 1;
  if (n <= 0) return null;
  const cells: RawCell[] = new Array<RawCell>(n);
  let any = false;
  for (let i = 1; i <= n; i++) {
    const v = values[i];
    let cell: RawCell = null;
    switch (typeof v) {
      case 'string':
        if (v.length > MAX_CELL_CHARS) throw cellTooLarge(fileName, sheet, row.number, i - 1);
        cell = v === '' ? null : v;
        if (cell !== null && !any && v.trim() !== '') any = true;
        break;
      case 'number':
      case 'boolean':
        cell = v;
        any = true;
        break;
      case 'object':
        if (v !== null) {
          const ctx: CellContext = { numFmt: () => row.getCell(i).numFmt, date1904 };
          const converted = convertObjectCell(v, ctx);
          cell = converted.value;
          if (converted.issue) sheet.issues.push({ row: row.number, column: i - 1, message: converted.issue });
          if (converted.link) {
            const resolved = resolveHyperlink(cell, converted.link);
            cell = resolved.value;
            if (resolved.keepLinkBeside) sheet.links.push({ row: row.number, column: i - 1, url: converted.link });
          }
          if (cell !== null && !(typeof cell === 'string' && cell.trim() === '')) any = true;
        }
        break;
      default:
        break;
    }
    cells[i - 1] = cell;
  }
  return any ? cells : null;
}

/**
 * Fills each merged range's top value down its rows. Only downwards: a title merged across
 * columns stays one title (not a row of repeats that would look like a header), while a job
 * title merged over three application rows belongs to each of them.
 */
function applyMerges(sheet: ParsedSheet, merges: MergeRange[]): void {
  if (merges.length === 0 || sheet.rows.length === 0) return;
  const rows = new RowEdits(sheet);
  for (const m of merges) {
    if (m.bottom <= m.top) continue;
    const top = rows.peek(m.top);
    if (!top) continue;
    for (let r = m.top + 1; r <= m.bottom; r++) {
      for (let c = m.left; c <= m.right; c++) {
        const value = top[c] ?? null;
        if (value === null) continue;
        // A row that held only merged (empty) cells was dropped as blank; it exists after all.
        const row = rows.edit(r);
        while (row.cells.length <= c) row.cells.push(null);
        if (row.cells[c] === null) row.cells[c] = value;
      }
    }
  }
  rows.finish();
}

function applyHyperlinks(sheet: ParsedSheet, hyperlinks: SheetEnd['hyperlinks']): void {
  if (hyperlinks.length === 0) return;
  const rows = new RowEdits(sheet);
  for (const { ref, target } of hyperlinks) {
    for (const [r, c] of expandRef(ref)) {
      const current = rows.peek(r)?.[c] ?? null;
      const resolved = resolveHyperlink(current, target);
      if (resolved.keepLinkBeside) {
        sheet.links.push({ row: r, column: c, url: target });
        continue;
      }
      if (resolved.value === current) continue;
      const row = rows.edit(r);
      while (row.cells.length <= c) row.cells.push(null);
      row.cells[c] = resolved.value;
    }
  }
  rows.finish();
}

/** Changes to a few rows of a sheet whose rows are mostly packed: edited rows are unpacked in place. */
class RowEdits {
  private readonly index = new Map<number, number>();
  private readonly edited = new Map<number, RawRow>();
  private readonly added: RawRow[] = [];

  constructor(private readonly sheet: ParsedSheet) {
    sheet.rows.forEach((r, i) => this.index.set(r.row, i));
  }

  peek(row: number): RawCell[] | undefined {
    const edited = this.edited.get(row);
    if (edited) return edited.cells;
    const i = this.index.get(row);
    return i === undefined ? undefined : this.sheet.rows[i].cells;
  }

  edit(row: number): RawRow {
    let edited = this.edited.get(row);
    if (edited) return edited;
    const i = this.index.get(row);
    edited = { row, cells: i === undefined ? [] : this.sheet.rows[i].cells };
    if (i === undefined) this.added.push(edited);
    else this.sheet.rows[i] = edited;
    this.edited.set(row, edited);
    return edited;
  }

  finish(): void {
    if (this.added.length === 0) return;
    this.sheet.rows.push(...this.added);
    this.sheet.rows.sort((a, b) => a.row - b.row);
  }
}

/** "B2" → [[2, 1]]; "B2:B4" → [[2,1],[3,1],[4,1]] (hyperlinks may cover ranges). */
function expandRef(ref: string): [number, number][] {
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(ref);
  if (!m) return [];
  const c1 = columnIndex(m[1]);
  const r1 = Number(m[2]);
  const c2 = m[3] ? columnIndex(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  const out: [number, number][] = [];
  for (let r = r1; r <= Math.min(r2, r1 + 100_000); r++) for (let c = c1; c <= Math.min(c2, c1 + 1000); c++) out.push([r, c]);
  return out;
}

function tooManyRows(sheet: string, max: number): ContractFailure {
  return importFailure(
    'TOO_MANY_ROWS',
    `Sheet "${sheet}" has more than ${max.toLocaleString('en-US')} rows, the limit per sheet`,
    'split the export into smaller files (e.g. by date range) and import them one after another',
  );
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].slice(0, 200);
}
