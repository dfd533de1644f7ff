import * as countriesModule from 'i18n-iso-countries';

/**
 * i18n-iso-countries is CommonJS that assigns module.exports at run time, so Node's ESM loader
 * exposes it only as `default` while bundlers expose its named functions; accept both shapes.
 */
type CountriesLib = typeof countriesModule;
const countries: CountriesLib =
  (countriesModule as CountriesLib & { default?: CountriesLib }).default ?? countriesModule;

/** ISO 3166-1 alpha-2, from the maintained i18n-iso-countries list. */
const ALPHA2 = new Set(Object.keys(countries.getAlpha2Codes()));

export function isCountryCode(code: string): boolean {
  return ALPHA2.has(code);
}

/** Codes people write that are not ISO but have exactly one ISO meaning. */
const COMMON_ALIASES: Record<string, string> = { UK: 'GB', EL: 'GR' };

/** An alpha-2 code for an alpha-3 code or a common alias ("DEU" → "DE", "UK" → "GB"); null otherwise. */
export function repairCountryCode(text: string): string | null {
  const upper = text.trim().toUpperCase();
  if (COMMON_ALIASES[upper]) return COMMON_ALIASES[upper];
  if (/^[A-Z]{3}$/.test(upper)) return countries.alpha3ToAlpha2(upper) ?? null;
  return null;
}
