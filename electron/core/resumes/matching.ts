/**
 * Which resume file belongs to which application: by a column naming the file, or by a file-name
 * pattern with the application's or candidate's id in it. Pure: the caller lists the files and
 * the applications.
 */

export interface MatchApplication {
  recordId: number;
  /** atsJobApplicationId (records.key). */
  key: string;
  candidateId: string | null;
  /** The matching column's cell, when matching by column. */
  cell?: string | null;
}

export interface FolderFile {
  /** Path relative to the folder, with '/' separators. */
  relativePath: string;
  name: string;
}

export type MatchedBy = 'column' | 'applicationId' | 'candidateId';

export interface FileMatch {
  file: FolderFile;
  recordIds: number[];
  keys: string[];
  matchedBy: MatchedBy;
}

export interface AmbiguousFile {
  file: FolderFile;
  keys: string[];
  reason: string;
}

export interface MatchResult {
  matched: FileMatch[];
  ambiguous: AmbiguousFile[];
  unmatched: FolderFile[];
  /** Applications no file was attached to (for a column: with the reason). */
  withoutFile: { key: string; reason: string }[];
}

export const ID_PLACEHOLDERS = {
  applicationId: 'applicationId',
  atsJobApplicationId: 'applicationId',
  candidateId: 'candidateId',
  atsCandidateId: 'candidateId',
} as const;

export interface CompiledPattern {
  idKind: 'applicationId' | 'candidateId';
  before: RegExp;
  after: RegExp;
}

function globToRegex(glob: string): string {
  return glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
}

/** `{applicationId}*.pdf`, `resume_{candidateId}.*`: exactly one id placeholder, `*` and `?` as wildcards. */
export function compilePattern(pattern: string): CompiledPattern {
  const m = /\{(\w+)\}/.exec(pattern);
  const placeholders = pattern.match(/\{\w+\}/g) ?? [];
  if (!m || placeholders.length !== 1) {
    throw new Error(`The pattern "${pattern}" needs exactly one of {applicationId} or {candidateId}.`);
  }
  const idKind = ID_PLACEHOLDERS[m[1] as keyof typeof ID_PLACEHOLDERS];
  if (!idKind) throw new Error(`Unknown placeholder {${m[1]}}: use {applicationId} or {candidateId}.`);
  return {
    idKind,
    before: new RegExp(`^${globToRegex(pattern.slice(0, m.index))}$`, 'i'),
    after: new RegExp(`^${globToRegex(pattern.slice(m.index + m[0].length))}$`, 'i'),
  };
}

/** Every id the pattern can read out of `name` that is a known id (so `A12.pdf` for `{applicationId}*.pdf` is A1 and A12). */
function idsIn(name: string, pattern: CompiledPattern, known: Map<string, unknown>): string[] {
  const found = new Set<string>();
  for (let s = 0; s < name.length; s++) {
    if (!pattern.before.test(name.slice(0, s))) continue;
    for (let e = s + 1; e <= name.length; e++) {
      const id = name.slice(s, e).toLowerCase();
      if (known.has(id) && pattern.after.test(name.slice(e))) found.add(id);
    }
  }
  return [...found];
}

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1];
}

const MAX_LISTED_WITHOUT = 1000;

export function matchResumes(
  files: readonly FolderFile[],
  applications: readonly MatchApplication[],
  by: { pattern: CompiledPattern } | { column: string },
): MatchResult {
  // Candidate file → the ids it names (lower-cased), and id → its applications.
  const targets = new Map<FolderFile, string[]>();
  const byId = new Map<string, MatchApplication[]>();
  const withoutFile: MatchResult['withoutFile'] = [];
  let matchedBy: MatchedBy;

  if ('column' in by) {
    matchedBy = 'column';
    const byName = new Map<string, FolderFile[]>();
    for (const f of files) {
      for (const k of new Set([f.name.toLowerCase(), f.relativePath.toLowerCase()])) {
        const list = byName.get(k) ?? [];
        list.push(f);
        byName.set(k, list);
      }
    }
    for (const app of applications) {
      const cell = app.cell?.trim() ?? '';
      if (cell === '') continue;
      const normalized = cell.replace(/\\/g, '/').toLowerCase();
      const candidates = byName.get(normalized) ?? byName.get(baseName(normalized)) ?? [];
      if (candidates.length !== 1) {
        if (withoutFile.length < MAX_LISTED_WITHOUT) {
          withoutFile.push({
            key: app.key,
            reason: candidates.length === 0 ? `"${cell}" is not in the folder.` : `"${cell}" names ${candidates.length} files in the folder.`,
          });
        }
        continue;
      }
      const id = `#${app.recordId}`;
      byId.set(id, [app]);
      const list = targets.get(candidates[0]) ?? [];
      list.push(id);
      targets.set(candidates[0], list);
    }
  } else {
    const { pattern } = by;
    matchedBy = pattern.idKind;
    for (const app of applications) {
      const id = pattern.idKind === 'applicationId' ? app.key : app.candidateId;
      if (!id) continue;
      const k = id.trim().toLowerCase();
      const list = byId.get(k) ?? [];
      list.push(app);
      byId.set(k, list);
    }
    for (const f of files) {
      const ids = idsIn(f.name, pattern, byId);
      if (ids.length > 0) targets.set(f, ids);
    }
  }

  const matched: FileMatch[] = [];
  const ambiguous: AmbiguousFile[] = [];
  const unmatched: FolderFile[] = [];
  const filesOfApp = new Map<number, FolderFile[]>();
  const keysOf = (ids: string[]) => ids.flatMap((id) => (byId.get(id) ?? []).map((a) => a.key));
  for (const f of files) {
    const ids = targets.get(f);
    if (!ids) {
      unmatched.push(f);
      continue;
    }
    if (ids.length > 1) {
      ambiguous.push({ file: f, keys: keysOf(ids), reason: `The file matches ${ids.length} records.` });
      continue;
    }
    for (const app of byId.get(ids[0]) ?? []) {
      const list = filesOfApp.get(app.recordId) ?? [];
      list.push(f);
      filesOfApp.set(app.recordId, list);
    }
  }
  // An application two files claim gets neither: which one is its resume is the consultant's call.
  const contested = new Set([...filesOfApp].filter(([, fs]) => fs.length > 1).map(([id]) => id));
  for (const f of files) {
    const ids = targets.get(f);
    if (!ids || ids.length !== 1) continue;
    const apps = byId.get(ids[0]) ?? [];
    const clash = apps.filter((a) => contested.has(a.recordId));
    if (clash.length > 0) {
      ambiguous.push({ file: f, keys: clash.map((a) => a.key), reason: `Another file matches ${clash.map((a) => a.key).join(', ')} too.` });
      continue;
    }
    if (apps.length > 0) matched.push({ file: f, recordIds: apps.map((a) => a.recordId), keys: apps.map((a) => a.key), matchedBy });
  }

  const attached = new Set(matched.flatMap((m) => m.recordIds));
  const listed = new Set(withoutFile.map((w) => w.key));
  for (const app of applications) {
    if (withoutFile.length >= MAX_LISTED_WITHOUT) break;
    if (attached.has(app.recordId) || listed.has(app.key)) continue;
    withoutFile.push({ key: app.key, reason: contested.has(app.recordId) ? 'Several files match it.' : 'No file matches it.' });
  }
  return { matched, ambiguous, unmatched, withoutFile };
}
