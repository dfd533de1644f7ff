import type { CellValue } from '../domain';
import { readEpochMs, type DateReadOptions } from '../values/dates';
import { emailListOf } from '../values/emails';
import { normalizeId } from '../values/ids';
import { sortKeysDeep, type JsonValue } from './json';

/**
 * Coercion from stored cell values to the JSON types LinkedIn expects, with the rule pack's own
 * readers (shared/values), so a record is sent exactly as the compliance check read it: dates
 * through readEpochMs with the workspace time zone and the column's chosen format, email lists
 * through emailListOf, ids through normalizeId. A value with no single reading is sent as it is:
 * the check has already flagged it, and LinkedIn's message (not a silent guess) reaches the user.
 */
export type ValueKind =
  | 'string'
  | 'id'
  | 'epochMs'
  | 'email'
  | 'emailList'
  | 'boolean'
  | 'stringList'
  | 'phoneList'
  | 'objectList';

/** Returns undefined for an empty value: empty fields are left out of the payload. */
export function coerceValue(kind: ValueKind, value: CellValue | undefined, dates: DateReadOptions = {}): JsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value.trim() : String(value);
    case 'id':
      return normalizeId(value) ?? undefined;
    case 'epochMs':
      return toEpochMs(value, dates);
    case 'email':
      return String(value).trim();
    case 'emailList':
      return typeof value === 'string' ? emailListOf(value) : [String(value)];
    case 'boolean':
      return toBoolean(value);
    case 'stringList':
      return parseJsonArray(value) ?? String(value).split(/\s*[;\n]\s*/).filter((s) => s !== '');
    case 'phoneList':
      return (
        parseJsonArray(value) ??
        String(value)
          .split(/\s*[;\n]\s*/)
          .filter((s) => s !== '')
          .map((number) => ({ number }))
      );
    case 'objectList':
      // Structured lists (candidate addresses) only arrive as JSON text; a plain cell cannot be
      // split into line1/city/… without guessing, so it is sent as-is for LinkedIn to reject.
      return parseJsonArray(value) ?? String(value);
  }
}

function toEpochMs(value: string | number | boolean, dates: DateReadOptions): JsonValue {
  // Plain epoch ms is the common case (the importer stores Excel dates that way): skip the reader.
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1e10) return value;
  const reading = readEpochMs(value, dates);
  if (reading.kind === 'ok') return reading.ms;
  return typeof value === 'string' ? value.trim() : value;
}

function toBoolean(value: string | number | boolean): JsonValue {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  const text = value.trim().toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(text)) return true;
  if (['false', 'no', 'n', '0'].includes(text)) return false;
  return value;
}

function parseJsonArray(value: CellValue): JsonValue[] | null {
  if (typeof value !== 'string' || !value.trim().startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as JsonValue[]).map(sortKeysDeep) : null;
  } catch {
    return null;
  }
}
