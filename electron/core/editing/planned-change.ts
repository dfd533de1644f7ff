import type { CellValue } from '../../../shared/domain';
import type { RowSnapshot } from './row-snapshot';

/** The pseudo-field of exclusions in the edit log: its value is the reason, or null when included. */
export const EXCLUDED_FIELD = '$excluded';

/** One cell an operation will change, with the value it replaces. */
export interface PlannedChange {
  recordId: number;
  field: string;
  before: CellValue;
  after: CellValue;
}

/** The changes of an operation, and the cells it could not change (with why). */
export class ChangePlan {
  readonly changes: PlannedChange[] = [];
  /** The rows of the changed records as planned from, when the planner read them (see RowSnapshot). */
  readonly rows = new Map<number, RowSnapshot>();
  skipped = 0;
  /** One-field actions: the records looked at, and how many of them had a value in the field before. */
  visited = 0;
  hadValue = 0;
  /**
   * Plans that can name one cell twice (pasted ranges, several fixes of one field) keep only the
   * first; plans that visit each record once per field skip the bookkeeping.
   */
  constructor(private readonly mayRepeatCells = false) {}

  /** Reasons grouped by their pattern (the quoted value left out), each with its first example. */
  private readonly reasons = new Map<string, { example: string; count: number }>();
  private readonly seen = new Set<string>();

  /**
   * Adds a change unless the value is unchanged or the cell already has a change in this plan.
   * `row`: the record's row as read by the planner, kept for the writer.
   */
  add(recordId: number, field: string, before: CellValue, after: CellValue, row?: RowSnapshot): void {
    if (sameValue(before, after)) return;
    if (this.mayRepeatCells) {
      const cell = `${recordId}\u0000${field}`;
      if (this.seen.has(cell)) return;
      this.seen.add(cell);
    }
    this.changes.push({ recordId, field, before: before ?? null, after: after ?? null });
    if (row && !this.rows.has(recordId)) this.rows.set(recordId, row);
  }

  skip(reason: string): void {
    this.skipped++;
    const pattern = reason.replace(/"[^"]*"|-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi, '#');
    const group = this.reasons.get(pattern);
    if (group) group.count++;
    else this.reasons.set(pattern, { example: reason, count: 1 });
  }

  /** The skipped cells' reasons as plain data (to cross threads): [pattern, first example, count]. */
  skipTally(): [string, string, number][] {
    return [...this.reasons].map(([pattern, { example, count }]) => [pattern, example, count]);
  }

  /** Counts another plan's skipped cells (skipTally()) as this plan's. */
  addSkips(tally: readonly [string, string, number][]): void {
    for (const [pattern, example, count] of tally) {
      this.skipped += count;
      const group = this.reasons.get(pattern);
      if (group) group.count += count;
      else this.reasons.set(pattern, { example, count });
    }
  }

  /** The most common reasons a cell was skipped, each shown by its first example. */
  skipReasons(limit = 5): { reason: string; count: number }[] {
    return [...this.reasons.values()]
      .map(({ example, count }) => ({ reason: example, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, limit);
  }

  recordIds(): number[] {
    const ids: number[] = [];
    const seen = new Set<number>();
    for (const c of this.changes) {
      if (!seen.has(c.recordId)) {
        seen.add(c.recordId);
        ids.push(c.recordId);
      }
    }
    return ids;
  }
}

export function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  return (a ?? null) === (b ?? null);
}

/** A cell as stored in the edit log (JSON text, 'null' for an empty cell). */
export function cellJson(value: CellValue | undefined): string {
  return JSON.stringify(value ?? null);
}

export function parseCellJson(text: string | null | undefined): CellValue {
  if (text === null || text === undefined) return null;
  return JSON.parse(text) as CellValue;
}
