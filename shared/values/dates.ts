import { DateTime, IANAZone } from 'luxon';
import type { CellValue } from '../domain';

/**
 * Date values as spreadsheets deliver them → epoch milliseconds (UTC).
 *
 * Only what has one reading is converted automatically: epoch ms, Excel serials, ISO 8601,
 * year-first dates and dates with a month name. A date-time without a zone is read in the
 * workspace time zone. Day/month orders (03/04/2025), two-digit years and quarters ("Q3") have
 * more than one reading: they stay errors until the consultant picks the column's format, and
 * then the whole column is re-read with it (ColumnFormats in the check context).
 */

/** Field name → luxon format string chosen by the consultant, e.g. { listedAt: 'dd/MM/yyyy' }. */
export type ColumnFormats = Readonly<Record<string, string>>;

export interface DateReadOptions {
  /** IANA zone for values without an offset; default UTC. */
  timeZone?: string;
  /** The column's chosen format (luxon tokens), tried before the automatic readings. */
  format?: string;
}

export type DateReading =
  | { kind: 'ok'; ms: number; note?: string }
  /** A 10-digit number: epoch seconds. `ms` is the value × 1000. */
  | { kind: 'seconds'; ms: number }
  /** A millisecond count with a fraction. `ms` is it rounded. */
  | { kind: 'fraction'; ms: number }
  /** More than one reading; `formats` lists the column formats that would read it. */
  | { kind: 'ambiguous'; reason: 'dayMonthOrder' | 'twoDigitYear' | 'quarter'; formats: string[] }
  /** The chosen column format does not read this value. */
  | { kind: 'formatMismatch'; format: string }
  | { kind: 'invalid' };

const DAY_MS = 86_400_000;
/** Excel's day 0 is 1899-12-30 (after its 1900 leap-year bug); serial 25569 is 1970-01-01. */
const EXCEL_EPOCH_SERIAL = 25_569;
/** Serials read as Excel dates: 1954-10-03 … 2173-10-14. Outside this a bare number is not a plausible date. */
const SERIAL_MIN = 20_000;
const SERIAL_MAX = 100_000;
const SECONDS_MIN = 1e9;
const SECONDS_MAX = 1e10;

export function isValidTimeZone(zone: string): boolean {
  return zone === 'UTC' || IANAZone.isValidZone(zone);
}

/** Reads one cell as epoch ms. Blank cells are the caller's business (a missing value). */
export function readEpochMs(value: CellValue, options: DateReadOptions = {}): DateReading {
  const zone = options.timeZone ?? 'UTC';
  if (value === null || typeof value === 'boolean') return { kind: 'invalid' };
  if (typeof value === 'number') return readNumber(value, zone);
  const text = value.trim();
  if (text === '') return { kind: 'invalid' };
  if (NUMBER_TEXT.test(text)) return readNumber(Number(text), zone);
  if (options.format) {
    const ms = readWithFormat(text, options.format, zone);
    if (ms !== null) return { kind: 'ok', ms, note: `Read "${text}" with the column format ${options.format}` };
  }
  const automatic = readText(text, zone);
  if (automatic.kind === 'ok' || !options.format) return automatic;
  return { kind: 'formatMismatch', format: options.format };
}

const NUMBER_TEXT = /^[+-]?\d+(\.\d+)?$/;

function readNumber(n: number, zone: string): DateReading {
  if (!Number.isFinite(n)) return { kind: 'invalid' };
  const abs = Math.abs(n);
  if (abs >= SECONDS_MAX) {
    if (!Number.isInteger(n)) return { kind: 'fraction', ms: Math.round(n) };
    return { kind: 'ok', ms: n };
  }
  if (abs >= SECONDS_MIN) return { kind: 'seconds', ms: Math.round(n * 1000) };
  if (n >= SERIAL_MIN && n < SERIAL_MAX) {
    const ms = excelSerialToEpochMs(n, zone);
    return { kind: 'ok', ms, note: `Read ${n} as an Excel date serial (${describe(ms, zone)})` };
  }
  if (Number.isInteger(n) && n >= 19_000_101 && n <= 29_991_231) {
    const ms = readCompactDate(String(n), zone);
    if (ms !== null) return { kind: 'ok', ms, note: `Read ${n} as a yyyyMMdd date (${describe(ms, zone)})` };
  }
  return { kind: 'invalid' };
}

/** An Excel serial (days since 1899-12-30, fraction = time of day) as wall-clock time in `zone`. */
export function excelSerialToEpochMs(serial: number, zone = 'UTC'): number {
  const utcWallClock = Math.round((serial - EXCEL_EPOCH_SERIAL) * DAY_MS);
  return zone === 'UTC' ? utcWallClock : wallClockToZone(utcWallClock, zone);
}

/**
 * exceljs returns date cells as Date objects whose UTC fields are the wall-clock time shown in
 * Excel (Excel has no zones). This reads that wall-clock time in the workspace zone.
 */
export function excelDateToEpochMs(date: Date, zone = 'UTC'): number {
  const ms = date.getTime();
  return zone === 'UTC' ? ms : wallClockToZone(ms, zone);
}

/** `utcWallClock` holds a zoneless wall-clock time encoded as if UTC; returns that time in `zone`. */
function wallClockToZone(utcWallClock: number, zone: string): number {
  const wall = DateTime.fromMillis(utcWallClock, { zone: 'UTC' });
  return DateTime.fromObject(
    {
      year: wall.year, month: wall.month, day: wall.day,
      hour: wall.hour, minute: wall.minute, second: wall.second, millisecond: wall.millisecond,
    },
    { zone },
  ).toMillis();
}

function describe(ms: number, zone: string): string {
  // UTC, the default zone, needs no zone rules: Date's own fields are several times faster than
  // luxon here, and messages with dates are made for every record a check flags.
  if (zone === 'UTC') {
    const utc = describeUtc(ms);
    if (utc !== null) return utc;
  }
  const dt = DateTime.fromMillis(ms, { zone });
  return dt.toFormat(dt.hour || dt.minute || dt.second ? "yyyy-MM-dd HH:mm:ss ZZZZ" : 'yyyy-MM-dd ZZZZ');
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** What luxon's format below gives in UTC, for years 0–9999 (null beyond: luxon writes those). */
function describeUtc(ms: number): string | null {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return null;
  const date = `${String(year).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h || m || s ? `${date} ${pad2(h)}:${pad2(m)}:${pad2(s)} UTC` : `${date} UTC`;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DAY_MONTH_YEAR = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:([ T])(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const QUARTER = /^(?:(?:\d{2}|\d{4})\s*[-/ ]?\s*)?[QH][1-4](?:\s*[-/ ]?\s*(?:\d{2}|\d{4}))?$/i;
const MONTH_NAME_FORMATS = [
  'd MMMM yyyy', 'd MMM yyyy', 'MMMM d, yyyy', 'MMM d, yyyy', 'MMMM d yyyy', 'MMM d yyyy',
  'd-MMM-yyyy', 'dd-MMM-yyyy', 'yyyy-MMM-dd', 'd MMM yyyy HH:mm', 'd MMM yyyy HH:mm:ss',
  'MMM d, yyyy h:mm a', 'MMM d, yyyy HH:mm', 'EEE, d MMM yyyy', 'EEEE, MMMM d, yyyy',
];
const HAS_LETTERS = /[A-Za-z]{3}/;

function readText(text: string, zone: string): DateReading {
  const iso = ISO.exec(text);
  if (iso) {
    const ms = fromParts(
      +iso[1], +iso[2], +iso[3], +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0),
      iso[7] ? Math.round(Number(`0.${iso[7]}`) * 1000) : 0, iso[8], zone,
    );
    if (ms === null) return { kind: 'invalid' };
    return { kind: 'ok', ms, note: iso[8] ? undefined : isoNote(text, zone, !!iso[4]) };
  }
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst) {
    const ms = fromParts(
      +yearFirst[1], +yearFirst[2], +yearFirst[3], +(yearFirst[4] ?? 0), +(yearFirst[5] ?? 0), +(yearFirst[6] ?? 0),
      0, undefined, zone,
    );
    return ms === null ? { kind: 'invalid' } : { kind: 'ok', ms, note: `Read "${text}" as year/month/day in ${zone}` };
  }
  const dmy = DAY_MONTH_YEAR.exec(text);
  if (dmy) return ambiguousDayMonth(dmy);
  if (QUARTER.test(text)) return { kind: 'ambiguous', reason: 'quarter', formats: [] };
  if (HAS_LETTERS.test(text)) {
    const rfc = DateTime.fromRFC2822(text, { zone });
    if (rfc.isValid) return { kind: 'ok', ms: rfc.toMillis(), note: `Read "${text}" as an RFC 2822 date` };
    for (const format of MONTH_NAME_FORMATS) {
      const dt = DateTime.fromFormat(text, format, { zone, locale: 'en-US' });
      if (dt.isValid) return { kind: 'ok', ms: dt.toMillis(), note: `Read "${text}" as ${format} in ${zone}` };
    }
    if (/\b\d{1,2}[- ][A-Za-z]{3,9}[- ]\d{2}$/.test(text)) {
      return { kind: 'ambiguous', reason: 'twoDigitYear', formats: ['dd-MMM-yy'] };
    }
  }
  return { kind: 'invalid' };
}

function isoNote(text: string, zone: string, hasTime: boolean): string {
  return hasTime
    ? `Read "${text}" as ${zone} time (the value has no time zone)`
    : `Read "${text}" as midnight ${zone}`;
}

function ambiguousDayMonth(m: RegExpExecArray): DateReading {
  const first = +m[1];
  const second = +m[3];
  const sep = m[2];
  const twoDigitYear = m[4].length === 2;
  const year = twoDigitYear ? 'yy' : 'yyyy';
  const time = m[5] ? (m[8] ? ' H:mm:ss' : ' H:mm') : '';
  const dayFirst = `dd${sep}MM${sep}${year}${time}`;
  const monthFirst = `MM${sep}dd${sep}${year}${time}`;
  const formats: string[] = [];
  if (second <= 12 && first <= 31) formats.push(dayFirst);
  if (first <= 12 && second <= 31) formats.push(monthFirst);
  if (formats.length === 0) return { kind: 'invalid' };
  // One possible order but a two-digit year is still a guess about the century.
  if (formats.length === 1 && !twoDigitYear) return { kind: 'ambiguous', reason: 'dayMonthOrder', formats };
  return { kind: 'ambiguous', reason: twoDigitYear ? 'twoDigitYear' : 'dayMonthOrder', formats };
}

/** Luxon's parser is lenient about padding (dd reads "3"), so the format also covers single digits. */
function readWithFormat(text: string, format: string, zone: string): number | null {
  for (const f of [format, `${format} H:mm`, `${format} H:mm:ss`]) {
    const dt = DateTime.fromFormat(text, f, { zone, locale: 'en-US' });
    if (dt.isValid) return dt.toMillis();
  }
  return null;
}

function readCompactDate(digits: string, zone: string): number | null {
  return fromParts(+digits.slice(0, 4), +digits.slice(4, 6), +digits.slice(6, 8), 0, 0, 0, 0, undefined, zone);
}

/** Builds epoch ms from calendar parts, rejecting impossible dates (Feb 30) instead of rolling over. */
function fromParts(
  year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number,
  offset: string | undefined, zone: string,
): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 24 || minute > 59 || second > 60) return null;
  if (hour === 24 && (minute || second || ms)) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  if (year < 100) return null;
  if (offset !== undefined) return utc - offsetMinutes(offset) * 60_000;
  if (zone === 'UTC') return utc;
  const dt = DateTime.fromObject(
    { year, month, day, hour: hour === 24 ? 0 : hour, minute, second, millisecond: ms },
    { zone },
  );
  if (!dt.isValid) return null;
  return hour === 24 ? dt.plus({ days: 1 }).toMillis() : dt.toMillis();
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z' || offset === 'z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

/** The date as a consultant reads it, in the workspace zone (for messages and notes). */
export function formatEpochMs(ms: number, zone = 'UTC'): string {
  return describe(ms, zone);
}
