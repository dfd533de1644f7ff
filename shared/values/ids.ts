import type { CellValue } from '../domain';

/**
 * Spreadsheets store numeric ids as floats, and exports print them as "10090.0" or "1.009E+4".
 * An id is text to LinkedIn, so a whole number becomes its plain decimal digits. Anything that
 * is not an exact whole number (e.g. "12.5", "ABC-1") is kept as trimmed text: guessing would
 * change meaning.
 */
export function normalizeId(value: CellValue): string | null {
  if (value === null || value === undefined) return null;
  // A TRUE/FALSE cell in an id column is odd but still text the consultant can see and fix.
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    // String() already prints whole doubles without a fraction (10090, not 10090.0).
    return String(value);
  }
  const text = value.trim();
  if (text === '') return null;
  // Only numeric-looking text can need canonicalizing; most ids ("JOB-12") skip the regexes.
  const c = text.charCodeAt(0);
  const numeric = (c >= 48 && c <= 57) || c === 43 || c === 45;
  return numeric ? (wholeNumberText(text) ?? text) : text;
}

const DECIMAL_ZERO = /^([+-]?\d+)\.0+$/;
const SCIENTIFIC = /^[+-]?\d+(\.\d+)?[eE][+]?\d+$/;

/** "10090.0" → "10090"; "1.009E+4" → "10090"; otherwise null. Leading zeros are kept ("00123"). */
function wholeNumberText(text: string): string | null {
  const decimal = DECIMAL_ZERO.exec(text);
  if (decimal) return decimal[1].replace(/^\+/, '');
  if (SCIENTIFIC.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return String(n);
  }
  return null;
}
