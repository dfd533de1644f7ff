import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emailListOf, isEmail, joinEmailList, repairEmails, splitEmailList } from '../../../shared/values/emails';
import { isHttpUrl, repairUrl } from '../../../shared/values/urls';
import { MEDIA_URN, ORGANIZATION_URN, PERSON_URN, repairOrganizationUrn, repairPersonUrn } from '../../../shared/values/urns';
import { isCountryCode, repairCountryCode } from '../../../shared/values/countries';

describe('email addresses', () => {
  it('accept practical addresses, including international ones', () => {
    for (const a of ['ann@example.com', 'ann.lee+jobs@mail.example.co.uk', "o'brien@example.ie", 'jürgen@müller.de', 'a@xn--mller-kva.de']) {
      expect(isEmail(a), a).toBe(true);
    }
  });

  it('reject what is plainly not an address', () => {
    for (const a of ['ann', 'ann@', '@example.com', 'ann@example', 'ann@@example.com', 'ann lee@example.com', 'ann..lee@example.com', 'ann@example.com.', 'ann@-example.com']) {
      expect(isEmail(a), a).toBe(false);
    }
  });

  it('accept any address fast-check generates', () => {
    fc.assert(fc.property(fc.emailAddress(), (a) => isEmail(a)));
  });

  it('reject any address with a space or without an @', () => {
    fc.assert(fc.property(fc.emailAddress(), fc.nat(), (a, i) => {
      const at = i % (a.length + 1);
      return !isEmail(`${a.slice(0, at)} ${a.slice(at)}`) && !isEmail(a.replace('@', ''));
    }));
  });

  it('split lists on ";", "," and whitespace and join them back unchanged', () => {
    expect(splitEmailList('a@x.com; b@y.org,c@z.net\nd@w.io  ')).toEqual(['a@x.com', 'b@y.org', 'c@z.net', 'd@w.io']);
    fc.assert(fc.property(fc.uniqueArray(fc.emailAddress(), { maxLength: 6 }), (list) => {
      const joined = joinEmailList(list);
      return JSON.stringify(splitEmailList(joined)) === JSON.stringify(list) && JSON.stringify(emailListOf(joined)) === JSON.stringify(list);
    }));
  });

  it('drop exact duplicates from a list', () => {
    expect(splitEmailList('a@x.com;a@x.com')).toEqual(['a@x.com']);
  });

  it('repair a display name and lists joined by other separators, and nothing else', () => {
    expect(repairEmails('Ann Lee <ann@example.com>')).toEqual(['ann@example.com']);
    expect(repairEmails('a@x.com|b@y.org/c@z.net')).toEqual(['a@x.com', 'b@y.org', 'c@z.net']);
    expect(repairEmails('ann at example.com')).toBeNull();
  });

  it('are given to the API as an array', () => {
    expect(emailListOf('a@x.com;b@y.org')).toEqual(['a@x.com', 'b@y.org']);
    expect(emailListOf(['a@x.com', ''])).toEqual(['a@x.com']);
    expect(emailListOf(null)).toEqual([]);
  });
});

describe('URLs', () => {
  it('must be absolute http(s) links with a host', () => {
    for (const u of ['https://careers.example.com/jobs/1?src=li#apply', 'http://localhost:8080/x', 'https://bücher.de/', 'https://a.b.co:443']) {
      expect(isHttpUrl(u), u).toBe(true);
    }
    for (const u of ['careers.example.com', 'ftp://x.com/f', 'https://', 'https://exa mple.com', 'https://x.com/a b', 'javascript:alert(1)', 'https://intranet/jobs']) {
      expect(isHttpUrl(u), u).toBe(false);
    }
  });

  it('accept any web URL fast-check generates', () => {
    fc.assert(fc.property(fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }), (u) => isHttpUrl(u)));
  });

  it('are repaired only when the repair is certain', () => {
    expect(repairUrl('www.example.com/jobs/1')).toBe('https://www.example.com/jobs/1');
    expect(repairUrl('https://x.com/senior engineer')).toBe('https://x.com/senior%20engineer');
    expect(repairUrl('see careers page')).toBeNull();
    expect(repairUrl('ftp://x.com')).toBeNull();
  });

  it('repair any bare domain with a path into its https URL', () => {
    fc.assert(fc.property(fc.domain(), fc.stringMatching(/^(\/[a-z0-9-]{1,8}){0,3}$/), (d, path) => {
      const fixed = repairUrl(`${d}${path}`);
      return fixed === `https://${d}${path}` && isHttpUrl(fixed);
    }));
  });
});

describe('URNs', () => {
  it('recognize organization, person and media URNs', () => {
    expect(ORGANIZATION_URN.test('urn:li:organization:1234')).toBe(true);
    expect(ORGANIZATION_URN.test('urn:li:organization:abc')).toBe(false);
    expect(PERSON_URN.test('urn:li:person:ACoAAB_x-1')).toBe(true);
    expect(PERSON_URN.test('urn:li:person:')).toBe(false);
    expect(MEDIA_URN.test('urn:li:media:/AAUQ')).toBe(true);
    expect(MEDIA_URN.test('resume.pdf')).toBe(false);
  });

  it('repair any numeric organization id, company URN or spaced URN into an organization URN', () => {
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.constantFrom('', ' '), (id, pad) => {
      const forms = [`${pad}${id}${pad}`, `urn:li:company:${id}`, `urn:li:organization: ${id}`];
      return forms.every((f) => repairOrganizationUrn(f) === `urn:li:organization:${id}`);
    }));
    expect(repairOrganizationUrn('Acme Inc')).toBeNull();
  });

  it('prefix a bare member id but never a profile link', () => {
    expect(repairPersonUrn('ACoAAB12x')).toBe('urn:li:person:ACoAAB12x');
    expect(repairPersonUrn('urn:li:person: ACoAAB12x')).toBe('urn:li:person:ACoAAB12x');
    expect(repairPersonUrn('https://www.linkedin.com/in/ann')).toBeNull();
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{5,20}$/), (id) => PERSON_URN.test(repairPersonUrn(id) ?? '')));
  });
});

describe('country codes', () => {
  it('are ISO 3166-1 alpha-2 from the maintained list', () => {
    expect(isCountryCode('US')).toBe(true);
    expect(isCountryCode('GB')).toBe(true);
    expect(isCountryCode('UK')).toBe(false);
    expect(isCountryCode('us')).toBe(false);
    expect(isCountryCode('XX')).toBe(false);
  });

  it('are repaired from alpha-3 codes and common aliases only', () => {
    expect(repairCountryCode('DEU')).toBe('DE');
    expect(repairCountryCode('usa')).toBe('US');
    expect(repairCountryCode('UK')).toBe('GB');
    expect(repairCountryCode('Germany')).toBeNull();
    expect(repairCountryCode('XYZ')).toBeNull();
  });
});
