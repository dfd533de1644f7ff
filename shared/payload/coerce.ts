import type { CellValue } from '../domain';
import { normalizeId } from '../values/ids';
import { sortKeysDeep, type JsonValue } from './json';

/**
 * Minimal coercion from stored cell values to the JSON types LinkedIn expects.
 *
 * NOTE for the lead: `shared/values` has only id normalization so far. When its date and email
 * normalizers land, `epochMs` and `emailList` below should call them instead. Until then this
 * does only what cannot be wrong: numbers stay numbers, digit strings become numbers, ISO dates
 * become epoch ms, lists are split. Anything else is sent as-is so LinkedIn's validation message
 * (not a silent guess) reaches the user; the compliance engine is what flags such values first.
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

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Returns undefined for an empty value: empty fields are left out of the payload. */
export function coerceValue(kind: ValueKind, value: CellValue | undefined): JsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() === '') return undefined;
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value.trim() : String(value);
    case 'id':
      return normalizeId(value) ?? undefined;
    case 'epochMs':
      return toEpochMs(value);
    case 'email':
      return String(value).trim();
    case 'emailList':
      return typeof value === 'string' ? value.split(/[;,\s]+/).filter((s) => s !== '') : [String(value)];
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

function toEpochMs(value: string | number | boolean): JsonValue {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value;
  const text = value.trim();
  if (/^[+-]?\d+(\.0+)?$/.test(text)) return Number(text);
  if (ISO_DATE.test(text)) {
    // A date without a zone is read as UTC: LinkedIn's timestamps are UTC epoch ms.
    const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text) || text.length === 10 ? text : `${text.replace(' ', 'T')}Z`;
    const ms = Date.parse(withZone);
    if (Number.isFinite(ms)) return ms;
  }
  return text;
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
