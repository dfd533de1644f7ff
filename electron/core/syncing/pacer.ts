/**
 * Client-side pacing under LinkedIn's records-per-minute limit: a sliding 60-second window of
 * records sent. A batch waits until sending it keeps the window at or under the limit.
 */
export class Pacer {
  private entries: { at: number; records: number }[] = [];

  constructor(
    readonly limitPerMinute: number,
    private readonly windowMs = 60_000,
  ) {}

  record(records: number, at: number): void {
    this.entries.push({ at, records });
  }

  recordsInWindow(now: number): number {
    this.prune(now);
    return this.entries.reduce((sum, e) => sum + e.records, 0);
  }

  /** How long to wait before `records` more may be sent; 0 means now. */
  delayFor(records: number, now: number): number {
    const inWindow = this.recordsInWindow(now);
    if (inWindow === 0 || inWindow + records <= this.limitPerMinute) return 0;
    let excess = inWindow + records - this.limitPerMinute;
    for (const e of this.entries) {
      excess -= e.records;
      if (excess <= 0) return Math.max(0, e.at + this.windowMs - now);
    }
    // More records than the whole limit: wait until the window is empty.
    const last = this.entries[this.entries.length - 1];
    return Math.max(0, last.at + this.windowMs - now);
  }

  private prune(now: number): void {
    const from = now - this.windowMs;
    let i = 0;
    while (i < this.entries.length && this.entries[i].at <= from) i++;
    if (i > 0) this.entries.splice(0, i);
  }
}
