import { DateTime } from 'luxon';
import type { CellValue } from '../../../../shared/domain';
import type { ExportDateMode } from '../../../../shared/contract/export';
import { readEpochMs } from '../../../../shared/values/dates';
import { sameValue } from '../cell-text';

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
  | { kind: 'epochMs' }
  | { kind: 'epochSeconds' }
  | { kind: 'excelSerial' }
  | { kind: 'text'; format: string; utc: boolean };

/** The shape of a source date value, or null when it matches none (then ISO 8601 is written). */
export function dateShapeOf(original: CellValue | undefined, zone: string): DateShape | null {
  if (original === null || original === undefined || typeof original === 'boolean') return null;
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
    const dt = DateTime.fromFormat(text, format, { zone: utc ? 'UTC' : zone, locale: 'en-US' });
    if (dt.isValid && dt.toFormat(format, { locale: 'en-US' }) === text) return { kind: 'text', format, utc: !!utc };
  }
  return null;
}

/** An instant written the way `shape` says the source writes dates. */
export function formatDate(ms: number, shape: DateShape | null, zone: string): CellValue {
  if (!shape) return DateTime.fromMillis(ms, { zone }).toISO() ?? ms;
  switch (shape.kind) {
    case 'epochMs':
      return ms;
    case 'epochSeconds':
      return Math.round(ms / 1000);
    case 'excelSerial': {
      const wall = ms + DateTime.fromMillis(ms, { zone }).offset * 60_000;
      return wall / DAY_MS + EXCEL_EPOCH_SERIAL;
    }
    case 'text':
      return DateTime.fromMillis(ms, { zone: shape.utc ? 'UTC' : zone }).toFormat(shape.format, { locale: 'en-US' });
  }
}

/**
 * A date field's value in a cleaned export. 'epochMs': the instant in epoch ms when it reads
 * as one. 'source': an unchanged value as the source cell had it (the importer may have
 * converted the stored value); an edited one (usually epoch ms after a fix) in the shape of its
 * source cell, or of the column, so the customer's ATS reads it as it read the rest. Anything
 * unreadable is written as it is: never guessed.
 */
export function dateOutput(
  value: CellValue,
  original: CellValue | undefined,
  sourceCell: CellValue | undefined,
  mode: ExportDateMode,
  zone: string,
  columnShape: DateShape | null,
): CellValue {
  if (mode === 'source' && sameValue(value, original)) return sourceCell === undefined ? value : sourceCell;
  if (value === null || value === '') return value;
  const reading = readEpochMs(value, { timeZone: zone });
  if (reading.kind !== 'ok') return value;
  if (mode === 'epochMs') return reading.ms;
  return formatDate(reading.ms, dateShapeOf(sourceCell ?? original, zone) ?? columnShape, zone);
}
