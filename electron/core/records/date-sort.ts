import type { Db } from '../db/connection';
import type { Category } from '../../../shared/domain';
import { DateTime } from 'luxon';
import { fieldSpec, fieldsOf } from '../../../shared/rsc/fields';
import { fieldPath } from './json-path';
import { readEpochMs, type DateReadOptions } from '../../../shared/values/dates';
import { getSetting } from '../db/settings-table';
import { columnFormats, TIME_ZONE_SETTING } from '../compliance';
import { isValidTimeZone } from '../../../shared/values/dates';

const FUNCTION = 'rscw_date_ms';
/** How the function reads dates during the query being prepared (queries run synchronously, one at a time). */
const reading = new WeakMap<Db, DateReadOptions>();

/**
 * For sorting by a date field: an SQL expression of the value's epoch ms as the check reads it
 * (an xlsx date, ISO text, epoch ms, an Excel serial, text in the column's chosen format), so dates
 * sort by their moment, not their text; null for values with no one reading. Null for other fields.
 */
export function dateSortKey(db: Db, category: Category, field: string, valueSql: string): string | null {
  if (fieldSpec(category, field)?.type !== 'epochMs') return null;
  if (!reading.has(db)) {
    db.function(FUNCTION, { deterministic: false }, (v: unknown) => {
      if (v === null || v === undefined || (typeof v !== 'string' && typeof v !== 'number')) return null;
      const r = readEpochMs(v, reading.get(db) ?? {});
      return r.kind === 'ok' ? r.ms : null;
    });
  }
  const format = columnFormats(db)[category]?.[field];
  const zone = getSetting(db, TIME_ZONE_SETTING) ?? 'UTC';
  reading.set(db, { timeZone: isValidTimeZone(zone) ? zone : 'UTC', ...(format ? { format } : {}) });
  return `${FUNCTION}(${valueSql})`;
}

const TEXT_FUNCTION = 'rscw_date_text';
const DATE_SEARCH = /^\d{4}-\d{2}(-\d{2}( \d{2}(:\d{2})?)?)?$/;

/**
 * A search for a date ("2025-01", "2025-01-15", "2025-01-15 09:30") finds records whose date
 * fields read as that moment in the workspace's zone, as the grid shows them, whatever the value
 * holds (epoch ms, an Excel serial, ISO text). Null when the search is not a date.
 */
export function dateSearchCondition(db: Db, category: Category, search: string, params: unknown[]): string | null {
  if (!DATE_SEARCH.test(search)) return null;
  const fields = fieldsOf(category).filter((f) => f.type === 'epochMs').map((f) => f.name);
  if (fields.length === 0) return null;
  const zone = getSetting(db, TIME_ZONE_SETTING) ?? 'UTC';
  const timeZone = isValidTimeZone(zone) ? zone : 'UTC';
  const formats = columnFormats(db)[category] ?? {};
  if (!textReading.has(db)) {
    db.function(TEXT_FUNCTION, { deterministic: false }, (v: unknown, field: unknown) => {
      const options = textReading.get(db);
      if (!options || (typeof v !== 'string' && typeof v !== 'number')) return null;
      const format = typeof field === 'string' ? options.formats[field] : undefined;
      const r = readEpochMs(v, { timeZone: options.timeZone, ...(format ? { format } : {}) });
      return r.kind === 'ok' ? DateTime.fromMillis(r.ms, { zone: options.timeZone }).toFormat('yyyy-MM-dd HH:mm') : null;
    });
  }
  textReading.set(db, { timeZone, formats });
  const ors = fields.map((field) => {
    params.push(fieldPath(field), field, `${search}%`);
    return `${TEXT_FUNCTION}(rv.values_json ->> ?, ?) LIKE ?`;
  });
  return `EXISTS (SELECT 1 FROM record_values rv WHERE rv.record_id = r.id AND (${ors.join(' OR ')}))`;
}

const textReading = new WeakMap<Db, { timeZone: string; formats: Record<string, string> }>();
