import { describe, expect, it } from 'vitest';
import { dateOutput, dateShapeOf, formatDate } from '../../../electron/core/exporting/clean/date-output';

const PARIS = 'Europe/Paris';
/** 2025-01-03 00:00 in Paris. */
const JAN3_PARIS = Date.UTC(2025, 0, 2, 23, 0, 0);

describe('dates in a cleaned export', () => {
  it('recognises how a source wrote its dates', () => {
    expect(dateShapeOf('2024-12-31', PARIS)).toEqual({ kind: 'text', format: 'yyyy-MM-dd', utc: false });
    expect(dateShapeOf('31/12/2024', PARIS)).toEqual({ kind: 'text', format: 'dd/MM/yyyy', utc: false });
    expect(dateShapeOf('2024-12-31T10:00:00Z', PARIS)).toEqual({ kind: 'text', format: "yyyy-MM-dd'T'HH:mm:ss'Z'", utc: true });
    expect(dateShapeOf('Dec 31, 2024', PARIS)).toEqual({ kind: 'text', format: 'MMM d, yyyy', utc: false });
    expect(dateShapeOf(1735689600000, PARIS)).toEqual({ kind: 'epochMs' });
    expect(dateShapeOf(1735689600, PARIS)).toEqual({ kind: 'epochSeconds' });
    expect(dateShapeOf(45658, PARIS)).toEqual({ kind: 'excelSerial' });
    expect(dateShapeOf('soon', PARIS)).toBeNull();
    expect(dateShapeOf(null, PARIS)).toBeNull();
  });

  it('writes an instant in each shape, in the workspace zone', () => {
    expect(formatDate(JAN3_PARIS, { kind: 'text', format: 'yyyy-MM-dd', utc: false }, PARIS)).toBe('2025-01-03');
    expect(formatDate(JAN3_PARIS, { kind: 'text', format: 'yyyy-MM-dd', utc: false }, 'UTC')).toBe('2025-01-02');
    expect(formatDate(JAN3_PARIS, { kind: 'epochSeconds' }, PARIS)).toBe(JAN3_PARIS / 1000);
    expect(formatDate(JAN3_PARIS, { kind: 'excelSerial' }, PARIS)).toBe(45660);
    expect(formatDate(JAN3_PARIS, null, PARIS)).toBe('2025-01-03T00:00:00.000+01:00');
  });

  it('keeps an unchanged date exactly as the source cell had it', () => {
    expect(dateOutput(1735689600000, 1735689600000, '01/01/2025', 'source', PARIS, null)).toBe('01/01/2025');
  });

  it('writes an edited date in the shape of its source cell', () => {
    expect(dateOutput(JAN3_PARIS, '31/12/2024', '31/12/2024', 'source', PARIS, null)).toBe('03/01/2025');
  });

  it('falls back to the column shape when the record had no date', () => {
    const shape = dateShapeOf('2024-12-31', PARIS);
    expect(dateOutput(JAN3_PARIS, null, null, 'source', PARIS, shape)).toBe('2025-01-03');
  });

  it('writes epoch ms when asked, and anything unreadable as it is', () => {
    expect(dateOutput('2025-01-03', '2025-01-03', '2025-01-03', 'epochMs', PARIS, null)).toBe(JAN3_PARIS);
    expect(dateOutput('next week', 'next week', 'next week', 'epochMs', PARIS, null)).toBe('next week');
    expect(dateOutput('03/04/2025', null, null, 'source', PARIS, null)).toBe('03/04/2025');
  });
});
