import type { CellValue, Category, FieldValues } from '../domain';
import { readEpochMs } from '../values/dates';
import { normalizeId } from '../values/ids';
import { isBlank } from '../values/text';
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
  // Blank as the check sees it (a non-finite number too), so a key derives as the check's does.
  if (isBlank(value)) return '';
  return String(value).trim();
}

/** FNV-1a, 32-bit, over UTF-16 code units; 8 lowercase hex digits. Collisions only matter within one application. */
export function fnv1a32(text: string): string {
  return hex8(fnvAdd(FNV_BASIS, text));
}

/**
 * fnv1a32 of the parts joined by U+001F (null as ''), without building the joined text: this
 * runs for every record of every check (its fingerprint), where the join and the hex formatting
 * cost more than the hashing.
 */
export function fnv1a32Parts(parts: readonly (string | null | undefined)[]): string {
  let hash = FNV_BASIS;
  for (let p = 0; p < parts.length; p++) {
    if (p > 0) hash = Math.imul(hash ^ 0x1f, FNV_PRIME);
    const part = parts[p];
    if (part) hash = fnvAdd(hash, part);
  }
  return hex8(hash);
}

const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnvAdd(start: number, text: string): number {
  let hash = start;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash;
}

const HEX_BYTES = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(hash: number): string {
  return HEX_BYTES[(hash >>> 24) & 255] + HEX_BYTES[(hash >>> 16) & 255] + HEX_BYTES[(hash >>> 8) & 255] + HEX_BYTES[hash & 255];
}
