import * as countriesModule from 'i18n-iso-countries';
import type { CellValue } from '../domain';
import { isCountryCode, repairCountryCode } from '../values/countries';
import type { TransformOutcome } from './spec';

// CommonJS that Node's ESM loader exposes only as `default`, bundlers as named functions.
type CountriesLib = typeof countriesModule;
const countries: CountriesLib = (countriesModule as CountriesLib & { default?: CountriesLib }).default ?? countriesModule;
// Names are matched in English. Only the backend converts countries, through the package's Node
// entry, which registers every locale itself. Importing the locale's JSON here broke the built app:
// Node's ESM loader refuses a JSON module without an import attribute, which the bundle drops.

/** Names people write that the ISO list does not carry. */
const EXTRA_NAMES: Record<string, string> = {
  england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB', britain: 'GB',
  holland: 'NL', 'the netherlands': 'NL', 'czech republic': 'CZ', 'ivory coast': 'CI',
  'south korea': 'KR', korea: 'KR', 'north korea': 'KP', russia: 'RU', 'u.k.': 'GB',
};

/** "Germany" → "DE", "deu" → "DE", "uk" → "GB", "us" → "US". */
export function countryToIso(value: CellValue): TransformOutcome {
  if (typeof value !== 'string') return { ok: true, value };
  const text = value.trim().replace(/\s+/g, ' ');
  if (text === '') return { ok: true, value: null };
  const code = countryCodeOf(text);
  return code ? { ok: true, value: code } : { ok: false, reason: `"${text}" is not a country name or code` };
}

export function countryCodeOf(text: string): string | null {
  const upper = text.toUpperCase();
  if (upper.length === 2 && isCountryCode(upper)) return upper;
  const repaired = repairCountryCode(text);
  if (repaired) return repaired;
  return (
    EXTRA_NAMES[text.toLowerCase()] ??
    countries.getAlpha2Code(text, 'en') ??
    countries.getSimpleAlpha2Code(text, 'en') ??
    null
  );
}
