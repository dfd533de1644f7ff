import type { Db } from '../db/connection';
import type { Category } from '../../../shared/domain';
import { fieldSpec } from '../../../shared/rsc/fields';
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
