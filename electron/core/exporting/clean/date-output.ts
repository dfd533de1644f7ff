import { DateTime } from 'luxon';
import type { CellValue } from '../../../../shared/domain';
import type { ExportDateMode } from '../../../../shared/contract/export';
import { readEpochMs } from '../../../../shared/values/dates';
import { dateText } from '../../importing/reading/raw-cell-text';
import { sameValue } from '../cell-text';
import type { ZoneClock } from '../zone-time';

/** A cleaned export's cell: a stored value, or a Date for a date cell (its UTC fields are the wall-clock time). */
export type CleanValue = CellValue | Date;

/** Formats a source may have written dates in, tried in order; the first that reproduces the text exactly wins. */
const CANDIDATE_FORMATS: { format: string; utc?: boolean }[] = [
  { format: "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", utc: true },
  { format: "yyyy-MM-dd'T'HH:mm:ss'Z'", utc: true },
  { format: "yyyy-MM-dd'T'HH:mm:ss.SSSZZ" },
  { format: "yyyy-MM-dd'T'HH:mm:ssZZ" },
  { format: "yyyy-MM-dd'T'HH:mm:ss.SSS" },
  { format: "yyyy-MM-dd'T'HH:mm:ss" },
  { format: "yyyy-MM-dd'T'HH:mm" },
  { format: 'yyyy-MM-dd HH:mm:ss' },
  { format: 'yyyy-MM-dd HH:mm' },
  { format: 'yyyy-MM-dd' },
  { format: 'yyyy/MM/dd HH:mm:ss' },
  { format: 'yyyy/MM/dd' },
  { format: 'yyyy.MM.dd' },
  { format: 'yyyyMMdd' },
  { format: 'dd/MM/yyyy HH:mm' },
  { format: 'dd/MM/yyyy' },
  { format: 'MM/dd/yyyy HH:mm' },
  { format: 'MM/dd/yyyy' },
  { format: 'd/M/yyyy' },
  { format: 'M/d/yyyy' },
  { format: 'dd.MM.yyyy' },
  { format: 'dd-MM-yyyy' },
  { format: 'd MMM yyyy' },
  { format: 'dd MMM yyyy' },
  { format: 'd-MMM-yyyy' },
  { format: 'dd-MMM-yyyy' },
  { format: 'MMM d, yyyy' },
  { format: 'MMMM d, yyyy' },
  { format: 'd MMMM yyyy' },
];

const SERIAL_MIN = 20_000;
const SERIAL_MAX = 100_000;
const EXCEL_EPOCH_SERIAL = 25_569;
const DAY_MS = 86_400_000;

/** How a source wrote one date column: learnt from an original value. */
export type DateShape =
  /** A real date cell in the source workbook: the importer stored its instant and its text. */
  | { kind: 'excelDate' }
  | { kind: 'epochMs' }
  | { kind: 'epochSeconds' }
  | { kind: 'excelSerial' }
  | { kind: 'text'; format: string; utc: boolean };

/**
 * The shape of a source date cell, or null when it matches none (then ISO 8601 is written).
 * `stored` is the value the importer stored from it: epoch ms from a date cell, whose text the
 * source row keeps, tells a date cell from text that only looks like a date.
 */
export function dateShapeOf(
  original: CellValue | undefined,
  clock: ZoneClock,
  stored?: CellValue,
  /** The column's format as the consultant chose it: tried first, as it settles day/month order. */
  chosen?: string,
): DateShape | null {
  if (original === null || original === undefined || typeof original === 'boolean') return null;
  if (typeof stored === 'number' && typeof original === 'string' && original === dateText(clock.wallClockDate(stored))) {
    return { kind: 'excelDate' };
  }
  const zone = clock.zone;
  if (chosen && typeof original === 'string' && reproduces(original.trim(), chosen, zone, false)) {
    return { kind: 'text', format: chosen, utc: false };
  }
  if (typeof original === 'number') {
    const abs = Math.abs(original);
    if (abs >= 1e10) return { kind: 'epochMs' };
    if (abs >= 1e9) return { kind: 'epochSeconds' };
    if (original >= SERIAL_MIN && original < SERIAL_MAX) return { kind: 'excelSerial' };
    return null;
  }
  const text = original.trim();
  if (/^\d{13}$/.test(text)) return { kind: 'epochMs' };
  for (const { format, utc } of CANDIDATE_FORMATS) {
    if (reproduces(text, format, zone, !!utc)) return { kind: 'text', format, utc: !!utc };
  }
  return null;
}

/** The format reads the text and writes it back identically. */
function reproduces(text: string, format: string, zone: string, utc: boolean): boolean {
  const dt = DateTime.fromFormat(text, format, { zone: utc ? 'UTC' : zone, locale: 'en-US' });
  return dt.isValid && dt.toFormat(format, { locale: 'en-US' }) === text;
}

/** An instant written the way `shape` says the source writes dates. */
export function formatDate(ms: number, shape: DateShape | null, clock: ZoneClock): CleanValue {
  const zone = clock.zone;
  if (!shape) return DateTime.fromMillis(ms, { zone }).toISO() ?? ms;
  switch (shape.kind) {
    case 'excelDate':
      return clock.wallClockDate(ms);
    case 'epochMs':
      return ms;
    case 'epochSeconds':
      return Math.round(ms / 1000);
    case 'excelSerial':
      return clock.wallClockDate(ms).getTime() / DAY_MS + EXCEL_EPOCH_SERIAL;
    case 'text':
      return DateTime.fromMillis(ms, { zone: shape.utc ? 'UTC' : zone }).toFormat(shape.format, { locale: 'en-US' });
  }
}

/** What a date cell of a cleaned export is written from, besides its current value. */
export interface DateCellContext {
  /** The value as first imported. */
  original: CellValue | undefined;
  /** The source cell it came from, if the record has one. */
  sourceCell: CellValue | undefined;
  mode: ExportDateMode;
  clock: ZoneClock;
  /** How the column writes dates, learnt from its first records (or the chosen format). */
  columnShape: DateShape | null;
  /** The date format the consultant chose for the column, if any. */
  format?: string;
}

/**
 * A date field's value in a cleaned export. 'epochMs': the instant in epoch ms when it reads
 * as one. 'source': an unchanged value as the source cell had it (a date cell again, or the
 * text or number the source held); an edited one (usually epoch ms after a fix) in the shape of
 * its source cell, or of the column, so the customer's ATS reads it as it read the rest.
 * Anything unreadable is written as it is: never guessed.
 */
export function dateOutput(value: CellValue, cell: DateCellContext): CleanValue {
  const { original, sourceCell, mode, clock, format } = cell;
  if (mode === 'source' && sameValue(value, original)) {
    if (sourceCell === undefined) return value;
    const shape = dateShapeOf(sourceCell, clock, original);
    return shape?.kind === 'excelDate' && typeof original === 'number' ? clock.wallClockDate(original) : sourceCell;
  }
  if (value === null || value === '') return value;
  const reading = readEpochMs(value, { timeZone: clock.zone, format });
  if (reading.kind !== 'ok') return value;
  if (mode === 'epochMs') return reading.ms;
  const shape = dateShapeOf(sourceCell ?? original, clock, original, format) ?? cell.columnShape;
  return formatDate(reading.ms, shape, clock);
}
