/**
 * CSV/formula injection: a cell that starts with one of these characters is read by Excel (and
 * LibreOffice, Sheets) as a formula when the file is opened or the cell is edited.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The same judged on the first character that is not white space (spreadsheets skip a leading space or line break
 * before "="), with the fullwidth forms an East Asian input method types (＝ ＋ － ＠), which some take as formulas.
 */
const FORMULA_AFTER_SPACE = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A plain number such as "-5" or "+1.5e3" is data in every spreadsheet, never an instruction. */
const PLAIN_NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** True when Excel could run this text as a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text) || FORMULA_AFTER_SPACE.test(text);
}

/**
 * Text for a CSV cell: formula-like text gets a leading apostrophe, the marker spreadsheets use
 * for "this is text". In xlsx the same cells are string cells with the Text number format instead
 * (see audit/styles.ts), so their value stays exact there.
 */
export function csvSafeText(text: string): string {
  return looksLikeFormula(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}
