import type { Category } from '../../../../shared/domain';
import type { ColumnMatch, ValueMappingSuggestion, ValueMappings } from '../../../../shared/contract/import';
import { fieldsOf } from '../../../../shared/rsc/fields';

/**
 * What ATS status words mean in RSC terms, per enum field. Words with two plausible readings
 * ("Draft", "On hold", "Pending") are deliberately absent: the consultant decides those.
 */
const ENUM_WORDS: Record<string, Record<string, string[]>> = {
  'jobs.state': {
    LISTED: [
      'listed', 'open', 'opened', 'active', 'live', 'published', 'posted', 'public', 'accepting applications',
      'open accepting applications', 'hiring', 'sourcing', 'approved open', 'open public', 'yes', 'true', 'y', '1', 'online',
    ],
    CLOSED: [
      'closed', 'filled', 'cancelled', 'canceled', 'archived', 'inactive', 'expired', 'unlisted', 'unpublished', 'deleted',
      'hired', 'closed filled', 'closed cancelled', 'closed canceled', 'no', 'false', 'n', '0', 'offline', 'withdrawn',
    ],
  },
};

function words(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The allowed value a source value stands for, or null when there is no confident reading. */
export function suggestEnumValue(category: Category, field: string, source: string): string | null {
  const spec = fieldsOf(category).find((f) => f.name === field);
  if (!spec || spec.type !== 'enum' || !spec.enumValues) return null;
  const w = words(source);
  if (w === '') return null;
  for (const allowed of spec.enumValues) if (words(allowed) === w) return allowed;
  const table = ENUM_WORDS[`${category}.${field}`] ?? {};
  for (const [target, list] of Object.entries(table)) if (list.includes(w)) return target;
  return null;
}

/** Suggestions for every enum field that a column is mapped to, from the column's distinct values. */
export function suggestValueMappings(
  category: Category,
  matches: ColumnMatch[],
  distinct: (column: number) => { value: string; count: number }[],
): ValueMappingSuggestion[] {
  const out: ValueMappingSuggestion[] = [];
  for (const m of matches) {
    if (!m.field) continue;
    const spec = fieldsOf(category).find((f) => f.name === m.field);
    if (!spec || spec.type !== 'enum' || !spec.enumValues) continue;
    out.push({
      field: spec.name,
      header: m.header,
      allowed: [...spec.enumValues],
      values: distinct(m.column).map(({ value, count }) => ({ source: value, count, target: suggestEnumValue(category, spec.name, value) })),
    });
  }
  return out;
}

/** The suggestions as mappings to apply: only values with a suggested target that differs from the source. */
export function valueMappingsFrom(suggestions: ValueMappingSuggestion[]): ValueMappings {
  const out: ValueMappings = {};
  for (const s of suggestions) {
    const map: Record<string, string> = {};
    for (const v of s.values) if (v.target !== null && v.target !== v.source) map[v.source] = v.target;
    if (Object.keys(map).length > 0) out[s.field] = map;
  }
  return out;
}
