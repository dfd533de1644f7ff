import type { stream } from 'exceljs';
import type { Db } from '../../db/connection';
import type { RecordScope } from '../record-scope';
import type { StyleBook } from '../cell-styles';
import type { ZoneClock } from '../zone-time';
import type { Pacer } from '../pacing';
import type { SheetNames } from '../sheet-writer';

/** Cell notes left to write; past the budget a flagged cell keeps its fill but not its note. */
export class NoteBudget {
  private used = 0;
  omitted = 0;

  constructor(readonly max: number) {}

  take(): boolean {
    if (this.used < this.max) {
      this.used++;
      return true;
    }
    this.omitted++;
    return false;
  }
}

/** What every audit sheet writer shares. */
export interface AuditContext {
  db: Db;
  workbook: stream.xlsx.WorkbookWriter;
  book: StyleBook;
  clock: ZoneClock;
  scope: RecordScope;
  pacer: Pacer;
  notes: NoteBudget;
  names: SheetNames;
  /** Excluded records met while writing the category sheets, in sheet order: the Excluded sheet lists them without another scan. */
  excludedIds: number[];
}
