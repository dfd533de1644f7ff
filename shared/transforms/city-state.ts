import type { CellValue } from '../domain';
import { titleCase } from './text';
import type { TransformOutcome } from './spec';

/** US states (and DC) and Canadian provinces: full name → postal abbreviation. */
const REGIONS: Record<string, string> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT',
  delaware: 'DE', 'district of columbia': 'DC', florida: 'FL', georgia: 'GA', hawaii: 'HI', idaho: 'ID',
  illinois: 'IL', indiana: 'IN', iowa: 'IA', kansas: 'KS', kentucky: 'KY', louisiana: 'LA', maine: 'ME',
  maryland: 'MD', massachusetts: 'MA', michigan: 'MI', minnesota: 'MN', mississippi: 'MS', missouri: 'MO',
  montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH', 'new jersey': 'NJ', 'new mexico': 'NM',
  'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR',
  pennsylvania: 'PA', 'rhode island': 'RI', 'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN',
  texas: 'TX', utah: 'UT', vermont: 'VT', virginia: 'VA', washington: 'WA', 'west virginia': 'WV',
  wisconsin: 'WI', wyoming: 'WY', 'puerto rico': 'PR',
  alberta: 'AB', 'british columbia': 'BC', manitoba: 'MB', 'new brunswick': 'NB', 'newfoundland and labrador': 'NL',
  'nova scotia': 'NS', ontario: 'ON', 'prince edward island': 'PE', quebec: 'QC', québec: 'QC', saskatchewan: 'SK',
  'northwest territories': 'NT', nunavut: 'NU', yukon: 'YT',
};
const REGION_CODES = new Set(Object.values(REGIONS));
const US_NAMES = new Set(['US', 'USA', 'U.S.', 'U.S.A.', 'UNITED STATES', 'UNITED STATES OF AMERICA', 'CA', 'CANADA']);

const SPACES = /[\s\u00a0]+/g;

/**
 * LinkedIn's location format, "CITY, STATE" or "CITY, COUNTRY": "  san francisco ,ca" →
 * "San Francisco, CA"; "Austin TX" → "Austin, TX"; "Austin, Texas, USA" → "Austin, TX".
 * Letter case is only changed where the part is all upper or all lower case, so "McAllen" and
 * "Saint-Étienne" keep theirs. Values with more parts than that are left for a person.
 */
export function cityState(value: CellValue): TransformOutcome {
  if (typeof value !== 'string') return { ok: true, value };
  const text = value.replace(SPACES, ' ').trim();
  if (text === '') return { ok: true, value: null };
  let parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 1) {
    const m = /^(.+?)\s+([A-Za-z]{2})$/.exec(parts[0]);
    if (!m || !REGION_CODES.has(m[2].toUpperCase())) {
      return { ok: false, reason: `"${text}" has no state or country after the city` };
    }
    parts = [m[1], m[2]];
  }
  if (parts.length === 3 && regionCode(parts[1]) !== null && US_NAMES.has(parts[2].toUpperCase())) parts = parts.slice(0, 2);
  if (parts.length !== 2) return { ok: false, reason: `"${text}" has more than a city and a state or country` };
  const [city, region] = parts;
  return { ok: true, value: `${tidyCase(city)}, ${regionCode(region) ?? tidyCase(region)}` };
}

function regionCode(part: string): string | null {
  if (/^[A-Za-z]{2}$/.test(part)) return part.toUpperCase();
  return REGIONS[part.toLowerCase()] ?? null;
}

function tidyCase(part: string): string {
  const uniform = part === part.toUpperCase() || part === part.toLowerCase();
  return uniform ? titleCase(part) : part;
}
