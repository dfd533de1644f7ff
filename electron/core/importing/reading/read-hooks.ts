/** What a reader reports while it works and how it learns it should stop. */
export interface ReadHooks {
  /** Rows read so far in a sheet, and the sheet's row count when the file states it. */
  onRows?(sheet: string, rows: number, expected: number | null): void;
  /** Throws (a CANCELLED failure) when the consultant cancelled. */
  throwIfCancelled?(): void;
}
