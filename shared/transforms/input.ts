import type { CellValue } from '../domain';
import type { FieldSpec } from '../rsc/fields';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?\d+\.\d+$/;

/**
 * A value typed into a cell (or pasted from Excel) as it is stored: an emptied cell is a missing
 * value, and a number typed into a date field is stored as a number so that the check reads it as
 * epoch milliseconds rather than text. Everything else is kept exactly as typed.
 */
export function coerceCellInput(spec: FieldSpec | undefined, value: CellValue): CellValue {
  if (typeof value !== 'string') return value;
  if (value.trim() === '') return null;
  if (spec?.type === 'epochMs') {
    const text = value.trim();
    if (INTEGER.test(text) || DECIMAL.test(text)) return Number(text);
  }
  return value;
}
