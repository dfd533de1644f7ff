import type { CellValue } from '../../../../shared/domain';
import type { RawCell } from './parsed-sheet';

/**
 * A date cell as text the way Excel shows it: zoneless wall-clock time, date only at midnight.
 * This is what source_json keeps, so the consultant sees the cell as it was.
 */
export function dateText(date: Date): string {
  const iso = date.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23);
}

/** A raw cell as a stored value: dates become their text, everything else is kept. */
export function sourceValue(cell: RawCell | undefined): CellValue {
  if (cell === undefined) return null;
  return cell instanceof Date ? dateText(cell) : cell;
}

/** A raw cell as text (for headers, distinct values and value mappings); null when blank. */
export function cellAsText(cell: RawCell | undefined): string | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return dateText(cell);
  const text = typeof cell === 'string' ? cell.trim() : String(cell);
  return text === '' ? null : text;
}
