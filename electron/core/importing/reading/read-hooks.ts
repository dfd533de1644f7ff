import type { ParsedSheet, RawCell } from './parsed-sheet';

/** What a reader reports while it works and how it learns it should stop. */
export interface ReadHooks {
  /** Rows read so far in a sheet, and the sheet's row count when the file states it (a text file's: estimated from its bytes read). */
  onRows?(sheet: string, rows: number, expected: number | null): void;
  /** Throws (a CANCELLED failure) when the consultant cancelled. */
  throwIfCancelled?(): void;
  /** Takes every row as it is read, instead of the sheet keeping it (a reading thread passes rows on with it). */
  passRows?: RowPass;
  /**
   * Called every thousand or so rows kept in `sheet` (a CSV file's; and once at its end), which
   * it may store and let go of (StreamedSheetWrite). A file read again (its quotes or encoding
   * were not what its start said) comes as a new sheet object.
   */
  onRowsArrived?(sheet: ParsedSheet, passed: PassedSheet): void;
}

export interface RowPass {
  /** A sheet's rows start; again for the same sheet when a CSV file is read a second time. */
  sheet(sheet: PassedSheet): void;
  /** A non-blank row; `cells` is the reader's to drop (it may be changed). */
  row(row: number, cells: RawCell[]): void;
}

export interface PassedSheet {
  name: string;
  columnNames: ParsedSheet['columnNames'];
  /** The sheet has hyperlinks, which the end of its XML applies to rows already read. */
  linked: boolean;
  /** No other sheet of the file is read. */
  only: boolean;
}
