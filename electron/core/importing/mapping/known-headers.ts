import { FIELDS } from '../../../../shared/rsc/fields';
import { HEADER_SYNONYMS } from './header-synonyms';
import { headerText, MAX_HEADER_CHARS } from './header-text';

let known: Set<string> | null = null;

/** True for a field name or a synonym of any category: such text is a column name, not data. */
export function isKnownHeader(text: string): boolean {
  if (text.length > MAX_HEADER_CHARS) return false;
  if (!known) {
    known = new Set<string>();
    for (const f of FIELDS) known.add(headerText(f.name).squeezed);
    for (const byField of Object.values(HEADER_SYNONYMS)) {
      for (const list of Object.values(byField)) for (const s of list) if (!s.startsWith('~')) known.add(headerText(s).squeezed);
    }
  }
  return known.has(headerText(text).squeezed);
}
