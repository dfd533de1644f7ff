import type { CellValue } from '../domain';
import type { ColumnFormats } from '../values/dates';

/** What a check needs beyond the record: how to read zoneless dates, chosen column formats, and "now". */
export interface CheckContext {
  /** IANA zone of the workspace; date-times without a zone are read in it. Default UTC. */
  timeZone?: string;
  /** Date formats the consultant chose, per field (see shared/values/dates). */
  columnFormats?: ColumnFormats;
  /** Epoch ms used for "in the future" and plausibility checks; default Date.now(). */
  now?: number;
}

/** A value the check changed on its own because it had one reading; shown on the record. */
export interface NormalizationNote {
  field: string;
  original: CellValue;
  normalized: CellValue;
  note: string;
}
