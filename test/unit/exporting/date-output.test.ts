import { describe, expect, it } from 'vitest';
import { dateOutput, dateShapeOf, formatDate } from '../../../electron/core/exporting/clean/date-output';
import { ZoneClock } from '../../../electron/core/exporting/zone-time';

const PARIS = new ZoneClock('Europe/Paris');
const UTC = new ZoneClock('UTC');
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
    expect(formatDate(JAN3_PARIS, { kind: 'text', format: 'yyyy-MM-dd', utc: false }, UTC)).toBe('2025-01-02');
    expect((formatDate(JAN3_PARIS, { kind: 'excelDate' }, PARIS) as Date).toISOString()).toBe('2025-01-03T00:00:00.000Z');
    expect(formatDate(JAN3_PARIS, { kind: 'epochSeconds' }, PARIS)).toBe(JAN3_PARIS / 1000);
    expect(formatDate(JAN3_PARIS, { kind: 'excelSerial' }, PARIS)).toBe(45660);
    expect(formatDate(JAN3_PARIS, null, PARIS)).toBe('2025-01-03T00:00:00.000+01:00');
  });

  it('keeps an unchanged date exactly as the source cell had it', () => {
    expect(dateOutput(1735689600000, { original: 1735689600000, sourceCell: '01/01/2025', mode: 'source', clock: PARIS, columnShape: null })).toBe('01/01/2025');
  });

  it('tells a date cell (stored as epoch ms beside its wall-clock text) from text that looks like a date', () => {
    expect(dateShapeOf('2025-01-03', PARIS, JAN3_PARIS)).toEqual({ kind: 'excelDate' });
    expect(dateShapeOf('2025-01-03', UTC, JAN3_PARIS)).toEqual({ kind: 'text', format: 'yyyy-MM-dd', utc: false });
    const unchanged = dateOutput(JAN3_PARIS, { original: JAN3_PARIS, sourceCell: '2025-01-03', mode: 'source', clock: PARIS, columnShape: null });
    expect((unchanged as Date).toISOString()).toBe('2025-01-03T00:00:00.000Z');
    const edited = dateOutput(JAN3_PARIS + 3_600_000, { original: JAN3_PARIS, sourceCell: '2025-01-03', mode: 'source', clock: PARIS, columnShape: null });
    expect((edited as Date).toISOString()).toBe('2025-01-03T01:00:00.000Z');
  });

  it('writes an edited date in the shape of its source cell', () => {
    expect(dateOutput(JAN3_PARIS, { original: '31/12/2024', sourceCell: '31/12/2024', mode: 'source', clock: PARIS, columnShape: null })).toBe('03/01/2025');
  });

  it("reads and writes edited dates in the column format the consultant chose, which settles day/month order", () => {
    const chosen = { mode: 'source', clock: PARIS, columnShape: null, format: 'MM/dd/yyyy' } as const;
    expect(dateShapeOf('01/02/2025', PARIS, undefined, 'MM/dd/yyyy')).toEqual({ kind: 'text', format: 'MM/dd/yyyy', utc: false });
    expect(dateOutput(JAN3_PARIS, { ...chosen, original: '01/02/2025', sourceCell: '01/02/2025' })).toBe('01/03/2025');
    expect(dateOutput('01/03/2025', { ...chosen, mode: 'epochMs', original: '01/02/2025', sourceCell: '01/02/2025' })).toBe(JAN3_PARIS);
  });

  it('falls back to the column shape when the record had no date', () => {
    const shape = dateShapeOf('2024-12-31', PARIS);
    expect(dateOutput(JAN3_PARIS, { original: null, sourceCell: null, mode: 'source', clock: PARIS, columnShape: shape })).toBe('2025-01-03');
  });

  it('writes epoch ms when asked, and anything unreadable as it is', () => {
    expect(dateOutput('2025-01-03', { original: '2025-01-03', sourceCell: '2025-01-03', mode: 'epochMs', clock: PARIS, columnShape: null })).toBe(JAN3_PARIS);
    expect(dateOutput('next week', { original: 'next week', sourceCell: 'next week', mode: 'epochMs', clock: PARIS, columnShape: null })).toBe('next week');
    expect(dateOutput('03/04/2025', { original: null, sourceCell: null, mode: 'source', clock: PARIS, columnShape: null })).toBe('03/04/2025');
  });
});
