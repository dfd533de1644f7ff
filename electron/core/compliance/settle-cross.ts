import type { Db } from '../db/connection';
import { isCategory, type Category, type FieldValues, type Issue } from '../../../shared/domain';
import { checkRecordInPlace } from '../../../shared/rsc/check';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import { getSetting, setSetting } from '../db/settings-table';
import { CheckContexts, type ContextOverrides } from './check-context';
import { crossIssues, LAST_CHECK_SETTING } from './check-all';
import { ResultBatch } from './result-writer';
import { keyOfNormalized, referencesOf } from './record-index';

const CROSS_RULES = `('job-not-imported', 'candidate-not-imported', 'application-not-imported', 'duplicate-key')`;
const CHUNK = 5_000;

/**
 * Whether every stored result is current enough for settleCrossRecord to stand in for checkAll:
 * no record waits for a check, and the last full check (if records predate this writer's work)
 * used this rule pack and time zone. Call after the writes.
 */
export function storedResultsCurrent(db: Db, hadRecordsBefore: boolean, opts: ContextOverrides = {}): boolean {
  const unchecked = db.prepare("SELECT 1 FROM records WHERE category = ? AND status = 'unchecked' LIMIT 1").pluck();
  for (const category of ['jobs', 'candidates', 'applications', 'stages'] as const) if (unchecked.get(category)) return false;
  if (db.prepare("SELECT 1 FROM records WHERE category NOT IN ('jobs', 'candidates', 'applications', 'stages') LIMIT 1").get()) return false;
  if (!hadRecordsBefore) return true;
  const last = parseLast(getSetting(db, LAST_CHECK_SETTING));
  return last !== null && last.packVersion === RULE_PACK_VERSION && last.timeZone === new CheckContexts(db, opts).timeZone;
}

/**
 * The cross-record part of a full check (references to records not imported, duplicate keys),
 * when every record's own result is stored and current, e.g. written by InsertChecker as the
 * importer inserted it: the keys and references come from records.check_key & co. (one covering
 * index, no record row read), the stored cross-record issues from record_issues, and only
 * records whose cross-record issues differ are read, re-checked and rewritten, so that a
 * following checkAll finds nothing to change. Use inside the caller's transaction.
 */
export function settleCrossRecord(db: Db, opts: ContextOverrides = {}): { records: number; changed: number } {
  const contexts = new CheckContexts(db, opts);
  type Row = [id: number, category: string, excluded: number, key: string | null, parent: string | null, candidate: string | null];
  // Walked twice rather than held: a million records' rows would be hundreds of MB (issue #21's import).
  const select = db.prepare('SELECT id, category, excluded, check_key, check_parent, check_candidate FROM records').raw();
  const rows = () => select.iterate() as IterableIterator<Row>;
  let records = 0;

  // Per category, each key with how many records not excluded have it (0: only excluded ones): which keys are
  // present and which are duplicates, in one map rather than a set and a map of the same keys.
  const keys: Record<Category, Map<string, number>> = { jobs: new Map(), candidates: new Map(), applications: new Map(), stages: new Map() };
  for (const [, category, excluded, key] of rows()) {
    records++;
    if (key === null || !isCategory(category)) continue;
    const n = keys[category].get(key) ?? 0;
    keys[category].set(key, excluded === 0 ? n + 1 : n);
  }
  const active = keys;
  const lookups = { jobIds: keys.jobs, candidateIds: keys.candidates, applicationIds: keys.applications };

  const stored = new Map<number, string[]>();
  const storedRows = db
    .prepare(`SELECT record_id, rule, field, severity, message FROM record_issues WHERE rule IN ${CROSS_RULES}`)
    .raw()
    .iterate() as IterableIterator<[number, string, string, string, string]>;
  for (const [id, ...parts] of storedRows) {
    const list = stored.get(id);
    if (list) list.push(parts.join('\u001f'));
    else stored.set(id, [parts.join('\u001f')]);
  }

  const revisit = new Map<number, Issue[]>();
  for (const [id, category, excluded, key, parentRef, candidateRef] of rows()) {
    if (!isCategory(category)) continue;
    const expected = crossIssues(category, { key, excluded: excluded !== 0, parentRef, candidateRef }, lookups, {
      activeWithKey: (k) => active[category].get(k) ?? 0,
    });
    const had = stored.get(id);
    if (expected.length === 0 && had === undefined) continue;
    if (had && had.length === expected.length) {
      const want = expected.map((i) => `${i.rule}\u001f${i.field}\u001f${i.severity}\u001f${i.message}`).sort();
      const have = [...had].sort();
      if (want.every((w, k) => w === have[k])) continue;
    }
    revisit.set(id, expected);
  }

  const batch = new ResultBatch(db, RULE_PACK_VERSION, contexts.now);
  const read = db.prepare(
    `SELECT id, category, sheet_id, values_json, CASE WHEN pack_version = ? THEN check_hash END
       FROM records_wide WHERE id IN (SELECT value FROM json_each(?))`,
  ).raw();
  const ids = [...revisit.keys()];
  let changed = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = read.all(RULE_PACK_VERSION, JSON.stringify(ids.slice(i, i + CHUNK))) as [number, Category, number | null, string, string | null][];
    for (const [id, category, sheetId, valuesJson, currentHash] of chunk) {
      const result = checkRecordInPlace(category, JSON.parse(valuesJson) as FieldValues, contexts.for(category, sheetId));
      const keys = { key: keyOfNormalized(category, result.normalized), ...referencesOf(category, result.normalized) };
      const cross = revisit.get(id) ?? [];
      if (batch.addIfChanged(category, id, currentHash, cross.length ? result.issues.concat(cross) : result.issues, keys)) changed++;
    }
    batch.flush();
  }
  setSetting(
    db, LAST_CHECK_SETTING,
    JSON.stringify({ at: contexts.now, packVersion: RULE_PACK_VERSION, timeZone: contexts.timeZone, records }),
  );
  return { records, changed };
}

function parseLast(text: string | null | undefined): { packVersion?: string; timeZone?: string } | null {
  if (!text) return null;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null ? (v as { packVersion?: string; timeZone?: string }) : null;
  } catch {
    return null;
  }
}
