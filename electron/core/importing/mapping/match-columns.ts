import type { Category } from '../../../../shared/domain';
import type { ColumnMatch, MatchVia } from '../../../../shared/contract/import';
import { fieldsOf, type FieldSpec } from '../../../../shared/rsc/fields';
import { HEADER_SYNONYMS } from './header-synonyms';
import { bigramSimilarity, headerText, wordOverlap, type HeaderText } from './header-text';
import { suggestEnumValue } from './value-mappings';

interface Candidate {
  column: number;
  field: string;
  confidence: number;
  via: MatchVia;
}

interface FieldNames {
  spec: FieldSpec;
  name: HeaderText;
  strong: HeaderText[];
  weak: HeaderText[];
}

const CONFIDENCE = { exact: 1, normalized: 0.95, synonym: 0.9, weakSynonym: 0.7 } as const;
/** Below this a fuzzy match is not suggested: unrelated headers share bigrams too. */
const FUZZY_MIN_SIMILARITY = 0.72;

const namesCache = new Map<Category, FieldNames[]>();

function fieldNames(category: Category): FieldNames[] {
  let names = namesCache.get(category);
  if (!names) {
    names = fieldsOf(category).map((spec) => {
      const synonyms = HEADER_SYNONYMS[category][spec.name] ?? [];
      return {
        spec,
        name: headerText(spec.name),
        strong: synonyms.filter((s) => !s.startsWith('~')).map(headerText),
        weak: synonyms.filter((s) => s.startsWith('~')).map((s) => headerText(s.slice(1))),
      };
    });
    namesCache.set(category, names);
  }
  return names;
}

/** Every plausible (column, field) pair with its confidence, best first. */
function candidates(category: Category, headers: string[]): Candidate[] {
  const out: Candidate[] = [];
  const names = fieldNames(category);
  headers.forEach((header, column) => {
    const h = headerText(header);
    if (h.squeezed === '') return;
    for (const f of names) {
      if (header.trim() === f.spec.name) {
        out.push({ column, field: f.spec.name, confidence: CONFIDENCE.exact, via: 'exact' });
      } else if (h.squeezed === f.name.squeezed) {
        out.push({ column, field: f.spec.name, confidence: CONFIDENCE.normalized, via: 'normalized' });
      } else if (f.strong.some((s) => s.squeezed === h.squeezed)) {
        out.push({ column, field: f.spec.name, confidence: CONFIDENCE.synonym, via: 'synonym' });
      } else if (f.weak.some((s) => s.squeezed === h.squeezed)) {
        out.push({ column, field: f.spec.name, confidence: CONFIDENCE.weakSynonym, via: 'synonym' });
      } else {
        const similarity = Math.max(
          ...[f.name, ...f.strong].map((s) =>
            sameKind(h.words, s.words) ? Math.max(bigramSimilarity(h.squeezed, s.squeezed), wordOverlap(h.words, s.words)) : 0,
          ),
        );
        if (similarity >= FUZZY_MIN_SIMILARITY) {
          // Scaled into 0.4–0.8 so a fuzzy match never outranks a synonym.
          const confidence = 0.4 + (0.4 * (similarity - FUZZY_MIN_SIMILARITY)) / (1 - FUZZY_MIN_SIMILARITY);
          out.push({ column, field: f.spec.name, confidence: round(confidence), via: 'fuzzy' });
        }
      }
    }
  });
  return out.sort((a, b) => b.confidence - a.confidence || a.column - b.column);
}

/** Words that say what kind of value a column holds: "Position" is not "Position ID", "Job" is not "Job URL". */
const KIND_WORDS = new Set(['id', 'ids', 'number', 'no', 'url', 'link', 'urn', 'email', 'code', 'date', 'name', 'title', 'reason']);

function sameKind(a: string, b: string): boolean {
  const ka = a.split(' ').filter((w) => KIND_WORDS.has(w)).sort().join(' ');
  const kb = b.split(' ').filter((w) => KIND_WORDS.has(w)).sort().join(' ');
  return ka === kb;
}

export interface MatchOptions {
  /** Distinct values of a column (asked only for enum candidates): an enum field only takes a column whose values can map to it. */
  distinctValues?: (column: number) => string[] | undefined;
  /** Fixed matches (from a preset or the consultant) that automatic matching must not undo. */
  fixed?: Map<number, { field: string | null; via: MatchVia }>;
}

/**
 * Matches columns to the category's fields: exact names, normalized names, synonyms, then
 * fuzzy similarity; each field and each column at most once, the most confident pairs first.
 */
export function matchColumns(category: Category, headers: string[], options: MatchOptions = {}): ColumnMatch[] {
  const matches: ColumnMatch[] = headers.map((header, column) => ({ column, header, field: null, confidence: 0, via: 'none' }));
  const usedFields = new Set<string>();
  const fixedColumns = new Set<number>();
  const fields = new Set(fieldsOf(category).map((f) => f.name));
  for (const [column, fix] of options.fixed ?? []) {
    if (column >= headers.length) continue;
    fixedColumns.add(column);
    if (fix.field && fields.has(fix.field) && !usedFields.has(fix.field)) {
      matches[column] = { column, header: headers[column], field: fix.field, confidence: 1, via: fix.via };
      usedFields.add(fix.field);
    } else {
      matches[column] = { column, header: headers[column], field: null, confidence: 1, via: fix.via };
    }
  }
  for (const c of candidates(category, headers)) {
    if (fixedColumns.has(c.column) || matches[c.column].field !== null || usedFields.has(c.field)) continue;
    if (!valuesFit(category, c.field, () => options.distinctValues?.(c.column))) continue;
    matches[c.column] = { column: c.column, header: headers[c.column], field: c.field, confidence: c.confidence, via: c.via };
    usedFields.add(c.field);
  }
  return matches;
}

/**
 * A "State" column holding "CA" and "NY" is a US state, not the job's LISTED/CLOSED state:
 * an enum field only takes a column where at least one value maps to an allowed value.
 */
function valuesFit(category: Category, field: string, distinct: () => string[] | undefined): boolean {
  if (field === 'source') return !onlyChannels(distinct());
  const spec = fieldsOf(category).find((f) => f.name === field);
  if (!spec || spec.type !== 'enum') return true;
  const values = distinct();
  if (!values || values.length === 0) return true;
  return values.some((v) => suggestEnumValue(category, field, v) !== null);
}

/**
 * How an application came in (Lever's origin, "applied via"): Applied, Sourced, Referred… A column
 * holding only these says the channel, not the source LinkedIn asks for ("Monster", "Career Fair").
 */
const CHANNELS = new Set(['applied', 'sourced', 'referred', 'agency', 'university', 'internal', 'prospect', 'prospected', 'inbound', 'outbound', 'uploaded', 'added']);

function onlyChannels(values: string[] | undefined): boolean {
  const present = (values ?? []).map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  return present.length > 0 && present.every((v) => CHANNELS.has(v));
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** How well the headers cover a category, for detecting it: weighted share of its fields matched. */
export function coverage(category: Category, matches: ColumnMatch[]): number {
  const specs = fieldsOf(category);
  let total = 0;
  let got = 0;
  const matched = new Map(matches.filter((m) => m.field).map((m) => [m.field as string, m.confidence]));
  for (const spec of specs) {
    const weight = spec.key ? 3 : spec.requirement === 'required' ? 1 : 0.5;
    total += weight;
    got += weight * (matched.get(spec.name) ?? 0);
  }
  return total === 0 ? 0 : got / total;
}
