import type { CellValue } from '../../../shared/domain';

/** Excel refuses to open a workbook with a cell longer than this; longer text is cut with a marker. */
export const EXCEL_CELL_LIMIT = 32_767;

export function fitCell(text: string): string {
  if (text.length <= EXCEL_CELL_LIMIT) return text;
  const marker = ` … [cut: ${text.length.toLocaleString('en-US')} characters in full]`;
  return text.slice(0, EXCEL_CELL_LIMIT - marker.length) + marker;
}

/** A stored cell value as a person reads it in a note or a before/after column. */
export function displayValue(value: CellValue | undefined): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  return String(value);
}

/** Parses a before/after JSON column; text that is not JSON is shown as it is. */
export function parseStoredValue(json: string | null): CellValue {
  if (json === null) return null;
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed === null || typeof parsed === 'string' || typeof parsed === 'number' || typeof parsed === 'boolean') {
      return parsed;
    }
    return JSON.stringify(parsed);
  } catch {
    return json;
  }
}

/** values_json / original_json / source_json: an object of cell values; anything else reads as empty. */
export function parseValues(json: string | null): Record<string, CellValue> {
  if (!json) return {};
  try {
    const parsed: unknown = JSON.parse(json);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, CellValue>) : {};
  } catch {
    return {};
  }
}

export function sameValue(a: CellValue | undefined, b: CellValue | undefined): boolean {
  const x = a === undefined || a === '' ? null : a;
  const y = b === undefined || b === '' ? null : b;
  return x === y;
}
