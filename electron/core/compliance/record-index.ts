import type { Category, FieldValues } from '../../../shared/domain';
import type { CrossLookups } from '../../../shared/rsc/cross';
import { normalizeId } from '../../../shared/values/ids';

/**
 * What cross-record rules need to know about every record, kept in memory so that re-checking
 * one record never scans the workspace: each record's current key (from its values, not the
 * stored records.key, so edits to a key field count), whether it is excluded, and the ids it
 * refers to. Reverse maps answer "which applications point at job X" for targeted re-checks.
 */
export interface IndexEntry {
  category: Category;
  key: string | null;
  excluded: boolean;
  /** applications: atsJobPostingId; stages: atsJobApplicationId. */
  parentRef: string | null;
  /** applications: atsCandidateId. */
  candidateRef: string | null;
  /** Never checked yet: its key was computed from values that may have been edited since import. */
  unchecked?: true;
}

/** A multimap from string to record ids that stores the common single id without an array. */
class IdMultiMap {
  private readonly map = new Map<string, number | number[]>();

  has(key: string): boolean {
    return this.map.has(key);
  }

  add(key: string, id: number): void {
    const cur = this.map.get(key);
    if (cur === undefined) this.map.set(key, id);
    else if (typeof cur === 'number') this.map.set(key, [cur, id]);
    else cur.push(id);
  }

  delete(key: string, id: number): void {
    const cur = this.map.get(key);
    if (cur === undefined) return;
    if (typeof cur === 'number') {
      if (cur === id) this.map.delete(key);
      return;
    }
    const i = cur.indexOf(id);
    if (i >= 0) cur.splice(i, 1);
    if (cur.length === 1) this.map.set(key, cur[0]);
    else if (cur.length === 0) this.map.delete(key);
  }

  get(key: string): readonly number[] {
    const cur = this.map.get(key);
    if (cur === undefined) return [];
    return typeof cur === 'number' ? [cur] : cur;
  }
}

export class RecordIndex {
  private readonly entries = new Map<number, IndexEntry>();
  private readonly keys: Record<Category, IdMultiMap> = {
    jobs: new IdMultiMap(), candidates: new IdMultiMap(), applications: new IdMultiMap(), stages: new IdMultiMap(),
  };
  /** job key → applications; candidate key → applications; application key → stages. */
  private readonly applicationsByJob = new IdMultiMap();
  private readonly applicationsByCandidate = new IdMultiMap();
  private readonly stagesByApplication = new IdMultiMap();

  readonly lookups: CrossLookups = {
    jobIds: { has: (id) => this.keys.jobs.has(id) },
    candidateIds: { has: (id) => this.keys.candidates.has(id) },
    applicationIds: { has: (id) => this.keys.applications.has(id) },
  };

  get size(): number {
    return this.entries.size;
  }

  get(id: number): IndexEntry | undefined {
    return this.entries.get(id);
  }

  set(id: number, entry: IndexEntry): void {
    this.remove(id);
    this.load(id, entry);
  }

  /** Adds a record not in the index yet (building it): set() without the removal lookup. */
  load(id: number, entry: IndexEntry): void {
    this.entries.set(id, entry);
    if (entry.key !== null) this.keys[entry.category].add(entry.key, id);
    const refs = this.refMaps(entry.category);
    if (refs.parent && entry.parentRef !== null) refs.parent.add(entry.parentRef, id);
    if (refs.candidate && entry.candidateRef !== null) refs.candidate.add(entry.candidateRef, id);
  }

  remove(id: number): void {
    const old = this.entries.get(id);
    if (!old) return;
    this.entries.delete(id);
    if (old.key !== null) this.keys[old.category].delete(old.key, id);
    const refs = this.refMaps(old.category);
    if (refs.parent && old.parentRef !== null) refs.parent.delete(old.parentRef, id);
    if (refs.candidate && old.candidateRef !== null) refs.candidate.delete(old.candidateRef, id);
  }

  /** Records of a category with this key (excluded ones included). */
  withKey(category: Category, key: string): readonly number[] {
    return this.keys[category].get(key);
  }

  /** How many non-excluded records share this key: more than one is a duplicate. */
  activeWithKey(category: Category, key: string): number {
    let n = 0;
    for (const id of this.keys[category].get(key)) if (!this.entries.get(id)?.excluded) n++;
    return n;
  }

  /** Records whose cross-record rules read this key of this category. */
  dependentsOf(category: Category, key: string): readonly number[] {
    if (category === 'jobs') return this.applicationsByJob.get(key);
    if (category === 'candidates') return this.applicationsByCandidate.get(key);
    if (category === 'applications') return this.stagesByApplication.get(key);
    return [];
  }

  private refMaps(category: Category): { parent?: IdMultiMap; candidate?: IdMultiMap } {
    if (category === 'applications') return { parent: this.applicationsByJob, candidate: this.applicationsByCandidate };
    if (category === 'stages') return { parent: this.stagesByApplication };
    return {};
  }
}

/** The reference fields of a record, canonicalized like keys. */
export function referencesOf(category: Category, values: FieldValues): { parentRef: string | null; candidateRef: string | null } {
  if (category === 'applications') {
    return { parentRef: idOf(values.atsJobPostingId), candidateRef: idOf(values.atsCandidateId) };
  }
  if (category === 'stages') return { parentRef: idOf(values.atsJobApplicationId), candidateRef: null };
  return { parentRef: null, candidateRef: null };
}

/** An id field's value as a key: canonical text, or null when blank. */
export function idOf(value: FieldValues[string] | undefined): string | null {
  return normalizeId(value ?? null);
}

/** The key a record's normalized values give (checkRecord has already derived a missing stage id). */
export function keyOfNormalized(category: Category, normalized: FieldValues): string | null {
  switch (category) {
    case 'jobs':
      return idOf(normalized.externalJobPostingId);
    case 'candidates':
      return idOf(normalized.atsCandidateId);
    case 'applications':
      return idOf(normalized.atsJobApplicationId);
    case 'stages': {
      const app = idOf(normalized.atsJobApplicationId);
      const stage = idOf(normalized.stageId);
      return app === null || stage === null ? null : `${app}/${stage}`;
    }
  }
}
