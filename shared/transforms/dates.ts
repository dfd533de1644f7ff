import { DateTime } from 'luxon';
import type { CellValue } from '../domain';
import { excelSerialToEpochMs, isValidTimeZone } from '../values/dates';
import type { TransformOutcome } from './spec';

/** Epoch values below this are seconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_LIMIT = 1e11;
const NUMBER_TEXT = /^[+-]?\d+(?:\.\d+)?$/;

/** Why a parseDate spec cannot run, or null when it can. */
export function dateSpecProblem(format: string, zone: string): string | null {
  if (!isValidTimeZone(zone)) return `"${zone}" is not a time zone: use an IANA name such as Europe/Paris.`;
  if (format.trim() === '') return 'Choose a date format, e.g. dd/MM/yyyy.';
  return null;
}

/**
 * Reads a date cell with the format the consultant chose, in `zone` when the value carries no
 * offset, giving epoch milliseconds. Values that already are epoch milliseconds stay as they are.
 */
export function parseDate(value: CellValue, format: string, zone: string): TransformOutcome {
  if (value === null || typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number') return parseNumber(value, format, zone);
  const text = value.trim();
  if (text === '') return { ok: true, value: null };
  if (NUMBER_TEXT.test(text)) return parseNumber(Number(text), format, zone);
  const dt = readText(text, format, zone);
  if (!dt || !dt.isValid) return { ok: false, reason: `"${text}" does not match the format ${format}` };
  return { ok: true, value: dt.toMillis() };
}

function parseNumber(n: number, format: string, zone: string): TransformOutcome {
  if (format === 'excel') return { ok: true, value: excelSerialToEpochMs(n, zone) };
  if (Math.abs(n) >= SECONDS_LIMIT && Number.isInteger(n)) return { ok: true, value: n };
  return { ok: false, reason: `${n} is a number, not a ${format} date (choose "excel" for Excel date serials)` };
}

function readText(text: string, format: string, zone: string): DateTime | null {
  const options = { zone, setZone: false, locale: 'en-US' };
  switch (format) {
    case 'iso':
      return DateTime.fromISO(text, options);
    case 'rfc2822':
      return DateTime.fromRFC2822(text, options);
    case 'sql':
      return DateTime.fromSQL(text, options);
    case 'excel':
      return null;
    default:
      // A date-only format also reads the same dates with a time of day, as exports often add one.
      for (const f of [format, `${format} H:mm`, `${format} H:mm:ss`]) {
        const dt = DateTime.fromFormat(text, f, options);
        if (dt.isValid) return dt;
      }
      return null;
  }
}

/** Epoch seconds → milliseconds. Numbers already in milliseconds stay as they are. */
export function secondsToMillis(value: CellValue): TransformOutcome {
  if (value === null || typeof value === 'boolean') return { ok: true, value };
  const text = typeof value === 'number' ? null : value.trim();
  if (text === '') return { ok: true, value: null };
  const n = typeof value === 'number' ? value : NUMBER_TEXT.test(text ?? '') ? Number(text) : NaN;
  if (!Number.isFinite(n)) return { ok: false, reason: `"${String(value)}" is not a number of seconds` };
  if (Math.abs(n) >= SECONDS_LIMIT) return { ok: true, value: n };
  return { ok: true, value: Math.round(n * 1000) };
}
