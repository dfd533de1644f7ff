/** Beyond these an import stops with a clear message instead of exhausting memory. */
export const MAX_FILE_BYTES = 500 * 1024 * 1024;
export const MAX_ROWS_PER_SHEET = 1_000_000;
/** Rows looked at when guessing the header row: title blocks above headers are short. */
export const HEADER_SEARCH_ROWS = 30;
/** Rows shown per sheet in the wizard's preview. */
export const PREVIEW_ROWS = 25;
/** Distinct values kept per column for value-mapping suggestions. */
export const DISTINCT_VALUES_PER_COLUMN = 50;
