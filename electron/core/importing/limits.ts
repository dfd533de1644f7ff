/** Beyond these an import stops with a clear message instead of exhausting memory. */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;
export const MAX_ROWS_PER_SHEET = 1_000_000;
/**
 * A text file is stored as it is read (StreamedSheetWrite) and never held whole, so its rows are
 * not limited as a workbook's are. What an import still keeps per row (its key, its number) is
 * bounded by this guard against a runaway file (hundreds of MB of one-character lines).
 */
export const MAX_ROWS_PER_TEXT_FILE = 20_000_000;
/**
 * An .xlsx's shared strings (the text of its cells) are held in memory while its sheets are read, and so are its
 * workbook, styles and relationship parts: each is refused past these, by the sizes the archive declares (which the
 * unzip holds it to) and the count the part declares, before any of it is parsed; and again as it is parsed.
 */
export const MAX_SHARED_STRINGS_BYTES = 256 * 1024 * 1024;
export const MAX_SHARED_STRINGS = 4_000_000;
export const MAX_WORKBOOK_PART_BYTES = 64 * 1024 * 1024;
/** Rows looked at when guessing the header row: title blocks above headers are short. */
export const HEADER_SEARCH_ROWS = 30;
/** Rows shown per sheet in the wizard's preview. */
export const PREVIEW_ROWS = 25;
/** Distinct values kept per column for value-mapping suggestions. */
export const DISTINCT_VALUES_PER_COLUMN = 50;
