import type { CellValue, Category, FieldValues } from '../domain';
import { readEpochMs } from '../values/dates';
import { normalizeId } from '../values/ids';
import type { CheckContext } from './context';

/**
 * Each category's record key. The seed table leaves keys implicit; the API addresses records by
 * them, so two rows with one key must never both be sent.
 */
export const KEY_FIELDS: Record<Category, string[]> = {
  jobs: ['externalJobPostingId'],
  candidates: ['atsCandidateId'],
  applications: ['atsJobApplicationId'],
  stages: ['atsJobApplicationId', 'stageId'],
};

/**
 * The record key as stored in records.key, or null when a key field is missing.
 * Stages: `${atsJobApplicationId}/${stageId}`, deriving the stage id when the export has none.
 * Pass the same context as the check (time zone, column formats) so that a derived stage id
 * is computed from the same atsCreatedAt instant the check reads.
 */
export function recordKey(category: Category, values: FieldValues, ctx: CheckContext = {}): string | null {
  if (category !== 'stages') return normalizeId(values[KEY_FIELDS[category][0]] ?? null);
  const applicationId = normalizeId(values.atsJobApplicationId ?? null);
  if (applicationId === null) return null;
  const stageId =
    normalizeId(values.stageId ?? null) ??
    deriveStageId(applicationId, values.stage ?? null, createdAtForKey(values.atsCreatedAt ?? null, ctx));
  return `${applicationId}/${stageId}`;
}

/** atsCreatedAt as the check would normalize it (epoch ms) when it has one reading; else as given. */
function createdAtForKey(value: CellValue, ctx: CheckContext): CellValue {
  if (value === null || (typeof value === 'number' && Number.isInteger(value) && value >= 1e10)) return value;
  const reading = readEpochMs(value, { timeZone: ctx.timeZone, format: ctx.columnFormats?.atsCreatedAt });
  return reading.kind === 'ok' ? reading.ms : value;
}

/**
 * A stable stage id from the application id, stage name and atsCreatedAt, so that re-syncing the
 * same export addresses the same stage on LinkedIn. Text is trimmed and ids canonicalized first,
 * so "10090.0" and 10090 derive the same id. Pass atsCreatedAt as epoch ms where it has one.
 */
export function deriveStageId(applicationId: CellValue, stage: CellValue, atsCreatedAt: CellValue): string {
  const parts = [normalizeId(applicationId) ?? '', textOf(stage), normalizeId(atsCreatedAt) ?? ''];
  return `stg-${fnv1a32(parts.join('\u001f'))}`;
}

function textOf(value: CellValue): string {
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

/** FNV-1a, 32-bit, over UTF-16 code units; 8 lowercase hex digits. Collisions only matter within one application. */
export function fnv1a32(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
