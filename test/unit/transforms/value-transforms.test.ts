import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import {
  applyTransform, cityState, countryToIso, lowercaseEmails, parseDate, prefixUrn, secondsToMillis, splitEmails,
  transformProblem,
} from '../../../shared/transforms';

describe('lowercase emails', () => {
  it('lower-cases every address in a cell', () => {
    expect(lowercaseEmails('Ann.Lee@Example.COM; BOB@x.org')).toEqual({ ok: true, value: 'ann.lee@example.com; bob@x.org' });
  });

  it('leaves cells without an @ alone', () => {
    expect(lowercaseEmails('N/A')).toEqual({ ok: true, value: 'N/A' });
  });
});

describe('split email lists', () => {
  it('joins addresses separated by commas, semicolons or spaces with ";" and drops repeats', () => {
    expect(splitEmails(' a@x.com,  b@y.org ; a@x.com c@z.net ')).toEqual({ ok: true, value: 'a@x.com;b@y.org;c@z.net' });
  });

  it('keeps only the address of "Name <address>"', () => {
    expect(splitEmails('Ann Lee <ann@x.com>')).toEqual({ ok: true, value: 'ann@x.com' });
  });

  it('splits addresses separated by a pipe', () => {
    expect(splitEmails('a@x.com|b@y.com')).toEqual({ ok: true, value: 'a@x.com;b@y.com' });
  });
});

describe('parse dates', () => {
  it('reads a day-first date in the chosen zone as epoch milliseconds', () => {
    const expected = DateTime.fromObject({ year: 2025, month: 4, day: 3 }, { zone: 'Europe/Paris' }).toMillis();
    expect(parseDate('03/04/2025', 'dd/MM/yyyy', 'Europe/Paris')).toEqual({ ok: true, value: expected });
  });

  it('reads a date-only format with a time of day as well', () => {
    expect(parseDate('03/04/2025 14:30', 'dd/MM/yyyy', 'UTC')).toEqual({ ok: true, value: Date.UTC(2025, 3, 3, 14, 30) });
  });

  it('respects an offset written in an ISO value over the chosen zone', () => {
    expect(parseDate('2025-04-03T10:00:00+02:00', 'iso', 'America/New_York')).toEqual({ ok: true, value: Date.UTC(2025, 3, 3, 8) });
  });

  it('reads Excel date serials in the chosen zone', () => {
    expect(parseDate(45750, 'excel', 'UTC')).toEqual({ ok: true, value: Date.UTC(2025, 3, 3) });
    expect(parseDate('45750.5', 'excel', 'UTC')).toEqual({ ok: true, value: Date.UTC(2025, 3, 3, 12) });
  });

  it('keeps values that already are epoch milliseconds', () => {
    expect(parseDate(1743638400000, 'dd/MM/yyyy', 'UTC')).toEqual({ ok: true, value: 1743638400000 });
  });

  it('reports values that do not match the format', () => {
    const r = parseDate('2025-13-45', 'dd/MM/yyyy', 'UTC');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toContain('dd/MM/yyyy');
  });

  it('refuses an unknown time zone before running', () => {
    expect(transformProblem({ name: 'parseDate', format: 'dd/MM/yyyy', zone: 'Mars/Olympus' })).toMatch(/not a time zone/);
    expect(transformProblem({ name: 'parseDate', format: 'dd/MM/yyyy', zone: 'Asia/Tokyo' })).toBeNull();
  });
});

describe('seconds to milliseconds', () => {
  it('multiplies epoch seconds by 1000, from numbers and numeric text', () => {
    expect(secondsToMillis(1700000000)).toEqual({ ok: true, value: 1700000000000 });
    expect(secondsToMillis(' 1700000000 ')).toEqual({ ok: true, value: 1700000000000 });
  });

  it('leaves values already in milliseconds alone', () => {
    expect(secondsToMillis(1700000000000)).toEqual({ ok: true, value: 1700000000000 });
  });

  it('reports text that is not a number', () => {
    expect(secondsToMillis('yesterday')).toEqual({ ok: false, reason: '"yesterday" is not a number of seconds' });
  });
});

describe('prefix a URN', () => {
  it('prefixes bare ids, from text or numbers, without spaces', () => {
    expect(prefixUrn(' 1234 ', 'urn:li:organization:')).toEqual({ ok: true, value: 'urn:li:organization:1234' });
    expect(prefixUrn(1234, 'urn:li:organization:')).toEqual({ ok: true, value: 'urn:li:organization:1234' });
  });

  it('leaves values that already are URNs alone', () => {
    expect(prefixUrn('urn:li:person:abc', 'urn:li:person:')).toEqual({ ok: true, value: 'urn:li:person:abc' });
  });

  it('refuses a prefix that is not a URN prefix', () => {
    expect(transformProblem({ name: 'prefixUrn', prefix: 'organization' })).toMatch(/not a URN prefix/);
  });
});

describe('country name to ISO code', () => {
  it('converts English names, official names and common aliases', () => {
    expect(countryToIso('Germany')).toEqual({ ok: true, value: 'DE' });
    expect(countryToIso('united states of america')).toEqual({ ok: true, value: 'US' });
    expect(countryToIso('England')).toEqual({ ok: true, value: 'GB' });
    expect(countryToIso('UK')).toEqual({ ok: true, value: 'GB' });
  });

  it('converts three-letter codes and upper-cases two-letter ones', () => {
    expect(countryToIso('DEU')).toEqual({ ok: true, value: 'DE' });
    expect(countryToIso('fr')).toEqual({ ok: true, value: 'FR' });
  });

  it('reports names it does not know', () => {
    expect(countryToIso('Atlantis')).toEqual({ ok: false, reason: '"Atlantis" is not a country name or code' });
  });
});

describe('"City, ST" normalization', () => {
  it('tidies spaces and case around one comma', () => {
    expect(cityState('  san francisco ,ca')).toEqual({ ok: true, value: 'San Francisco, CA' });
  });

  it('adds the comma to "City ST" and abbreviates state names', () => {
    expect(cityState('AUSTIN TX')).toEqual({ ok: true, value: 'Austin, TX' });
    expect(cityState('Austin, Texas')).toEqual({ ok: true, value: 'Austin, TX' });
  });

  it('drops a trailing USA after a state', () => {
    expect(cityState('Boston, MA, USA')).toEqual({ ok: true, value: 'Boston, MA' });
  });

  it('keeps mixed-case names as written and accepts a country', () => {
    expect(cityState('McAllen,tx')).toEqual({ ok: true, value: 'McAllen, TX' });
    expect(cityState('paris, france')).toEqual({ ok: true, value: 'Paris, France' });
  });

  it('reports values without a state or country, or with too many parts', () => {
    expect(cityState('Remote').ok).toBe(false);
    expect(cityState('1 Main St, Springfield, IL, USA').ok).toBe(false);
  });

  it('is stable on its own output', () => {
    for (const input of ['  san francisco ,ca', 'AUSTIN TX', 'paris, france']) {
      const once = cityState(input);
      expect(once.ok && cityState(once.value)).toEqual(once);
    }
  });
});

describe('applyTransform', () => {
  it('dispatches each transform by name', () => {
    expect(applyTransform({ name: 'changeCase', mode: 'upper' }, 'listed')).toEqual({ ok: true, value: 'LISTED' });
    expect(applyTransform({ name: 'secondsToMillis' }, 1)).toEqual({ ok: true, value: 1000 });
    expect(applyTransform({ name: 'cityState' }, 'austin tx')).toEqual({ ok: true, value: 'Austin, TX' });
  });
});
