import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { excelDateToEpochMs, excelSerialToEpochMs, formatEpochMs, isValidTimeZone, readEpochMs } from '../../../shared/values/dates';

const MIN_MS = Date.UTC(1970, 0, 1);
const MAX_MS = Date.UTC(2100, 0, 1);
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];

describe('reading dates as epoch milliseconds', () => {
  it('keeps epoch milliseconds as they are', () => {
    expect(readEpochMs(1_736_899_200_000)).toEqual({ kind: 'ok', ms: 1_736_899_200_000 });
    expect(readEpochMs(' 1736899200000 ')).toEqual({ kind: 'ok', ms: 1_736_899_200_000 });
  });

  it('reads ten digits as seconds, offering the value in milliseconds', () => {
    expect(readEpochMs(1_736_899_200)).toEqual({ kind: 'seconds', ms: 1_736_899_200_000 });
    expect(readEpochMs('1736899200')).toEqual({ kind: 'seconds', ms: 1_736_899_200_000 });
  });

  it('reads ISO 8601 with and without zone, and date-only as midnight in the workspace zone', () => {
    expect(readEpochMs('2025-03-04T10:15:30Z')).toMatchObject({ kind: 'ok', ms: Date.UTC(2025, 2, 4, 10, 15, 30) });
    expect(readEpochMs('2025-03-04T10:15:30.250+02:00')).toMatchObject({ kind: 'ok', ms: Date.UTC(2025, 2, 4, 8, 15, 30, 250) });
    expect(readEpochMs('2025-03-04 10:15', { timeZone: 'Europe/Berlin' })).toMatchObject({ ms: Date.UTC(2025, 2, 4, 9, 15) });
    expect(readEpochMs('2025-03-04', { timeZone: 'Asia/Kolkata' })).toMatchObject({ ms: Date.UTC(2025, 2, 3, 18, 30) });
  });

  it('says how it read a value that had no zone', () => {
    const reading = readEpochMs('2025-03-04', { timeZone: 'Europe/Berlin' });
    expect(reading.kind === 'ok' && reading.note).toBe('Read "2025-03-04" as midnight Europe/Berlin');
  });

  it('reads Excel serials, year-first dates, yyyyMMdd numbers and dates with month names', () => {
    expect(readEpochMs(45_720)).toMatchObject({ kind: 'ok', ms: Date.UTC(2025, 2, 4) });
    expect(readEpochMs(45_720.5)).toMatchObject({ kind: 'ok', ms: Date.UTC(2025, 2, 4, 12) });
    expect(readEpochMs('2025/3/4')).toMatchObject({ kind: 'ok', ms: Date.UTC(2025, 2, 4) });
    expect(readEpochMs(20_250_304)).toMatchObject({ kind: 'ok', ms: Date.UTC(2025, 2, 4) });
    expect(readEpochMs('4 March 2025')).toMatchObject({ kind: 'ok', ms: Date.UTC(2025, 2, 4) });
    expect(readEpochMs('Mar 4, 2025')).toMatchObject({ kind: 'ok', ms: Date.UTC(2025, 2, 4) });
    expect(readEpochMs('Tue, 04 Mar 2025 10:00:00 GMT')).toMatchObject({ kind: 'ok', ms: Date.UTC(2025, 2, 4, 10) });
  });

  it('refuses to guess the order of day and month', () => {
    expect(readEpochMs('03/04/2025')).toEqual({ kind: 'ambiguous', reason: 'dayMonthOrder', formats: ['dd/MM/yyyy', 'MM/dd/yyyy'] });
    expect(readEpochMs('03.04.2025 10:30')).toEqual({
      kind: 'ambiguous', reason: 'dayMonthOrder', formats: ['dd.MM.yyyy H:mm', 'MM.dd.yyyy H:mm'],
    });
  });

  it('still asks for the format when only one order is possible, naming it', () => {
    expect(readEpochMs('25/03/2025')).toEqual({ kind: 'ambiguous', reason: 'dayMonthOrder', formats: ['dd/MM/yyyy'] });
    expect(readEpochMs('03/25/2025')).toEqual({ kind: 'ambiguous', reason: 'dayMonthOrder', formats: ['MM/dd/yyyy'] });
  });

  it('refuses two-digit years and quarters', () => {
    expect(readEpochMs('25/03/25')).toMatchObject({ kind: 'ambiguous', reason: 'twoDigitYear' });
    expect(readEpochMs('Q3')).toMatchObject({ kind: 'ambiguous', reason: 'quarter' });
    expect(readEpochMs('2025 Q4')).toMatchObject({ kind: 'ambiguous', reason: 'quarter' });
  });

  it('reads with the column format once chosen, with or without a time of day', () => {
    expect(readEpochMs('03/04/2025', { format: 'dd/MM/yyyy' })).toMatchObject({ kind: 'ok', ms: Date.UTC(2025, 3, 3) });
    expect(readEpochMs('03/04/2025 7:05', { format: 'MM/dd/yyyy' })).toMatchObject({ kind: 'ok', ms: Date.UTC(2025, 2, 4, 7, 5) });
    expect(readEpochMs('03/04/25', { format: 'dd/MM/yy', timeZone: 'Europe/Paris' })).toMatchObject({ ms: Date.UTC(2025, 3, 2, 22) });
  });

  it('still reads unambiguous values in a column with a chosen format', () => {
    expect(readEpochMs('2025-03-04', { format: 'dd/MM/yyyy' })).toMatchObject({ kind: 'ok', ms: Date.UTC(2025, 2, 4) });
    expect(readEpochMs(1_736_899_200_000, { format: 'dd/MM/yyyy' })).toMatchObject({ kind: 'ok' });
  });

  it('reports a value the chosen format cannot read', () => {
    expect(readEpochMs('31/02/2025', { format: 'dd/MM/yyyy' })).toEqual({ kind: 'formatMismatch', format: 'dd/MM/yyyy' });
  });

  it('rejects impossible calendar dates and text that is no date', () => {
    for (const v of ['2025-02-30', '2025-13-01', 'tomorrow', 'n/a', '', true, null, 12, 5_000_000]) {
      expect(readEpochMs(v as never), String(v)).toEqual({ kind: 'invalid' });
    }
  });

  it('offers a rounded value for fractional milliseconds', () => {
    expect(readEpochMs(1_736_899_200_000.6)).toEqual({ kind: 'fraction', ms: 1_736_899_200_001 });
  });

  it('knows valid time zones', () => {
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('formats a date for messages in the workspace zone', () => {
    expect(formatEpochMs(Date.UTC(2025, 2, 4))).toBe('2025-03-04 UTC');
    expect(formatEpochMs(Date.UTC(2025, 2, 4, 9, 30), 'Europe/Berlin')).toBe('2025-03-04 10:30:00 GMT+1');
  });

  it('formats UTC dates (its own fast path) exactly as luxon does, at any instant', () => {
    const luxon = (ms: number) => {
      const dt = DateTime.fromMillis(ms, { zone: 'UTC' });
      return dt.toFormat(dt.hour || dt.minute || dt.second ? 'yyyy-MM-dd HH:mm:ss ZZZZ' : 'yyyy-MM-dd ZZZZ');
    };
    const anyInstant = fc.oneof(
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      // Whole days and whole seconds, where the time part is left out or kept.
      fc.integer({ min: -1e6, max: 3e6 }).map((d) => d * 86_400_000),
      fc.integer({ min: -1e11, max: 1e11 }).map((s) => s * 1000 + 7),
    );
    fc.assert(fc.property(anyInstant, (ms) => formatEpochMs(ms) === luxon(ms)), { numRuns: 2000 });
    const yearZero = new Date(0).setUTCFullYear(0, 0, 1);
    for (const ms of [yearZero - 1, yearZero, Date.UTC(2025, 0, 1, 0, 0, 0, 999)]) expect(formatEpochMs(ms)).toBe(luxon(ms));
  });
});

describe('date reading, for any date', () => {
  const instant = fc.integer({ min: MIN_MS, max: MAX_MS - 1 });

  it('reads an ISO string with Z back to the same millisecond', () => {
    fc.assert(fc.property(instant, (ms) => {
      const r = readEpochMs(new Date(ms).toISOString());
      return r.kind === 'ok' && r.ms === ms;
    }));
  });

  it('reads an ISO string with any offset back to the same millisecond', () => {
    fc.assert(fc.property(instant, fc.constantFrom(...ZONES), (ms, zone) => {
      const iso = DateTime.fromMillis(ms, { zone }).toISO({ includeOffset: true })!;
      const r = readEpochMs(iso, { timeZone: 'UTC' });
      return r.kind === 'ok' && r.ms === ms;
    }));
  });

  it('reads a zoneless date-time as that wall-clock time in the workspace zone', () => {
    fc.assert(fc.property(instant, fc.constantFrom(...ZONES), (ms, zone) => {
      const wall = DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS");
      const r = readEpochMs(wall, { timeZone: zone });
      // In a DST overlap the wall-clock time has two instants; either is a faithful reading.
      return r.kind === 'ok' && DateTime.fromMillis(r.ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS") === wall;
    }));
  });

  it('keeps any integer from 1973 on as milliseconds and flags any ten-digit number as seconds', () => {
    fc.assert(fc.property(fc.integer({ min: 1e11, max: MAX_MS }), (ms) => {
      const r = readEpochMs(ms);
      return r.kind === 'ok' && r.ms === ms;
    }));
    fc.assert(fc.property(fc.integer({ min: 1e9, max: 1e10 - 1 }), (s) => {
      const r = readEpochMs(s);
      return r.kind === 'seconds' && r.ms === s * 1000;
    }));
  });

  it('reads an Excel serial of any date in the serial range to its instant', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1955, 0, 1), max: MAX_MS }), (ms) => {
      const serial = ms / 86_400_000 + 25_569;
      const r = readEpochMs(serial);
      return r.kind === 'ok' && r.ms === ms && excelSerialToEpochMs(serial) === ms;
    }));
  });

  it('reads a day/month date with the chosen order to the day it names', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
      const d = new Date(ms);
      const [day, month, year] = [d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear()];
      const pad = (n: number) => String(n).padStart(2, '0');
      const midnight = Date.UTC(year, month - 1, day);
      const dmy = readEpochMs(`${pad(day)}/${pad(month)}/${year}`, { format: 'dd/MM/yyyy' });
      const mdy = readEpochMs(`${month}-${day}-${year}`, { format: 'M-d-yyyy' });
      const unchosen = readEpochMs(`${pad(day)}/${pad(month)}/${year}`);
      return dmy.kind === 'ok' && dmy.ms === midnight && mdy.kind === 'ok' && mdy.ms === midnight && unchosen.kind === 'ambiguous';
    }));
  });

  it('reads an exceljs date (a wall-clock time held as UTC) in the workspace zone', () => {
    fc.assert(fc.property(instant, fc.constantFrom(...ZONES), (ms, zone) => {
      const read = excelDateToEpochMs(new Date(ms), zone);
      const wall = DateTime.fromMillis(ms, { zone: 'UTC' }).toFormat('yyyy-MM-dd HH:mm:ss.SSS');
      return DateTime.fromMillis(read, { zone }).toFormat('yyyy-MM-dd HH:mm:ss.SSS') === wall;
    }));
  });
});
