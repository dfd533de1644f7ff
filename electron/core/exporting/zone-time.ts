import { DateTime } from 'luxon';

const QUARTER_HOUR = 900_000;

/**
 * Epoch ms ↔ wall-clock time in the workspace's zone. Excel has no zones, so a date cell shows
 * the wall-clock time its serial encodes; this turns instants into those wall-clock times.
 * Offsets only change on quarter-hour boundaries, so they are cached per quarter hour: luxon per
 * cell would cost more than writing the cell.
 */
export class ZoneClock {
  private readonly offsets = new Map<number, number>();

  constructor(readonly zone: string) {}

  offsetMs(ms: number): number {
    if (this.zone === 'UTC') return 0;
    const bucket = Math.floor(ms / QUARTER_HOUR);
    let offset = this.offsets.get(bucket);
    if (offset === undefined) {
      offset = DateTime.fromMillis(ms, { zone: this.zone }).offset * 60_000;
      if (this.offsets.size > 100_000) this.offsets.clear();
      this.offsets.set(bucket, offset);
    }
    return offset;
  }

  /** A Date whose UTC fields are the wall-clock time in the zone: what exceljs writes as the cell's serial. */
  wallClockDate(ms: number): Date {
    return new Date(ms + this.offsetMs(ms));
  }

  /** "2026-11-28 21:04:05 Europe/Paris (UTC+01:00)": unambiguous for a reader anywhere. */
  describe(ms: number): string {
    const dt = DateTime.fromMillis(ms, { zone: this.zone });
    return `${dt.toFormat('yyyy-MM-dd HH:mm:ss')} ${this.zone} (UTC${dt.toFormat('ZZ')})`;
  }
}

/** Dates Excel can show: 1900-01-01 … 9999-12-31. Outside that, the date column stays empty. */
export function isExcelDate(ms: number): boolean {
  return Number.isFinite(ms) && ms >= -2_208_988_800_000 && ms < 253_402_300_800_000;
}
