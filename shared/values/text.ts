import type { CellValue } from '../domain';

/**
 * True when a cell holds nothing a consultant would call a value (null, "", spaces only). A
 * number that is not finite counts too: no file holds one (nor can the workspace's JSON).
 */
export function isBlank(value: CellValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return !Number.isFinite(value);
  return typeof value === 'string' && value.trim() === '';
}

/**
 * A cell as text with surrounding whitespace removed (including non-breaking spaces, which
 * Excel exports often carry). Null for blank cells. Numbers print without a trailing ".0".
 */
export function cellText(value: CellValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'string' ? value.trim() : String(value);
  return text === '' ? null : text;
}
