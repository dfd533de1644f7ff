import { describe, expect, it } from 'vitest';
import { EXCEL_CELL_LIMIT, fitCell, sameValue } from '../../../electron/core/exporting/cell-text';
import { columnLetter, SheetNames, widthFor } from '../../../electron/core/exporting/sheet-writer';
import { ZoneClock } from '../../../electron/core/exporting/zone-time';

describe('sheet helpers', () => {
  it('cuts text longer than an Excel cell holds, saying how long it was', () => {
    const long = 'x'.repeat(EXCEL_CELL_LIMIT + 10);
    const cut = fitCell(long);
    expect(cut.length).toBe(EXCEL_CELL_LIMIT);
    expect(cut).toMatch(/\[cut: 32,777 characters in full\]$/);
    expect(fitCell('short')).toBe('short');
  });

  it('names sheets within Excel rules and keeps them unique regardless of case', () => {
    const names = new SheetNames();
    expect(names.take('Jobs')).toBe('Jobs');
    expect(names.take('jobs')).toBe('jobs (2)');
    expect(names.take('a/b:c*d?[e]')).toBe('a b c d  e');
    expect(names.take('A very long sheet name that Excel refuses').length).toBeLessThanOrEqual(31);
  });

  it('letters columns like Excel', () => {
    expect([1, 26, 27, 52, 703].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });

  it('sizes a column from its header and samples, within bounds', () => {
    expect(widthFor('Key', ['J-1'])).toBe(8);
    expect(widthFor('Title', ['Senior Data Engineer'])).toBe(22);
    expect(widthFor('Description', ['x'.repeat(500)])).toBe(50);
    expect(widthFor('Notes', ['line one\nand a much longer second line'])).toBe(10);
  });

  it('treats empty text and no value as the same, and nothing else', () => {
    expect(sameValue('', null)).toBe(true);
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue(1, '1')).toBe(false);
    expect(sameValue('a', 'a')).toBe(true);
  });

  it('turns instants into the wall-clock time of the zone, across a daylight-saving change', () => {
    const clock = new ZoneClock('Europe/Paris');
    expect(clock.wallClockDate(Date.UTC(2025, 0, 1, 12)).toISOString()).toBe('2025-01-01T13:00:00.000Z');
    expect(clock.wallClockDate(Date.UTC(2025, 6, 1, 12)).toISOString()).toBe('2025-07-01T14:00:00.000Z');
    expect(clock.describe(Date.UTC(2025, 6, 1, 12))).toBe('2025-07-01 14:00:00 Europe/Paris (UTC+02:00)');
    expect(new ZoneClock('UTC').wallClockDate(0).getTime()).toBe(0);
  });
});
