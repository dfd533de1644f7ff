/** What an export needs from a job: progress and cancellation (a JobContext satisfies it). */
export interface ExportControl {
  progress(done: number, total: number, message?: string): void;
  throwIfCancelled(): void;
}

export const NO_CONTROL: ExportControl = { progress: () => undefined, throwIfCancelled: () => undefined };

const BATCH = 200;

export interface Drainable {
  drain(): Promise<void>;
}

/**
 * Counts written rows across a whole export. Every batch it reports progress, checks for
 * cancellation and yields to the event loop, so the zip and file streams drain what was
 * written instead of buffering the whole workbook in memory.
 */
export class Pacer {
  private done = 0;
  private sinceYield = 0;

  constructor(
    private readonly control: ExportControl,
    private readonly total: number,
  ) {}

  get rows(): number {
    return this.done;
  }

  /** Counts one row; every batch, reports, checks for cancellation and lets `output` drain. */
  async row(message: string, output?: Drainable): Promise<void> {
    this.done++;
    if (++this.sinceYield < BATCH) return;
    this.sinceYield = 0;
    this.control.progress(Math.min(this.done, this.total), this.total, message);
    this.control.throwIfCancelled();
    if (output) await output.drain();
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }

  finish(message: string): void {
    this.control.progress(this.total, this.total, message);
  }
}
