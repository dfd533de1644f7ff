import type { Category } from '../domain';
import { formatEpochMs } from '../values/dates';

/**
 * The per-record messages: what is wrong with this value AND what to do about it, in words a
 * consultant can act on without knowing the API. Values are quoted (shortened when long) so the
 * message still makes sense in an export, away from the grid.
 */

const NOUN: Record<Category, string> = {
  jobs: 'job',
  candidates: 'candidate',
  applications: 'application',
  stages: 'application stage',
};

function q(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  return `"${short}"`;
}

const UNSUPPORTED: Record<string, string> = {
  state:
    'LinkedIn no longer reads state: the sync sends it as the job operation (LISTED → CREATE/UPDATE, CLOSED → CLOSE). Nothing to fix.',
  countryCode:
    'LinkedIn no longer reads countryCode on jobs; it uses location. Keep location filled in ("City, Country").',
  postalCode:
    'LinkedIn no longer reads postalCode on jobs; it uses location. Keep location filled in ("City, State").',
};

export const messages = {
  requiredMissing: (category: Category, field: string) =>
    `${field} is missing; LinkedIn requires it for every ${NOUN[category]}. Fill it in from the ATS, or exclude the record if the ATS has no value (never invent one).`,
  availableMissing: (field: string) =>
    `${field} is empty. Send it when the ATS has it; if it has none, the record can still be synced.`,
  organizationUrn: (text: string) =>
    `integrationContext ${q(text)} is not an organization URN. Use urn:li:organization: followed by the company's numeric id, e.g. urn:li:organization:1234.`,
  personUrn: (text: string) =>
    /linkedin\.com\/in\//i.test(text)
      ? `manualMatchedMember ${q(text)} is a profile link, not a Person URN. Use the urn:li:person:… value from One-Click Export, or clear it and send email addresses instead.`
      : `manualMatchedMember ${q(text)} is not a Person URN. Use the urn:li:person:… value from One-Click Export.`,
  mediaUrn: (text: string) =>
    `media ${q(text)} is not a media URN. Upload the resume and use the urn:li:media:… it returns, or clear the field.`,
  url: (field: string, text: string) =>
    `${field} ${q(text)} is not an absolute http(s) link. Use the full address, starting with https://.`,
  email: (field: string, text: string) =>
    `${field} ${q(text)} is not an email address. Correct it to the form name@domain.com.`,
  emailSingle: (count: number) =>
    `candidateEmail holds ${count} addresses; it takes the one entered on the application. Keep one.`,
  emailList: (bad: string[]) =>
    bad.length === 1
      ? `emailAddresses contains ${q(bad[0])}, which is not an email address. Correct or remove it; separate addresses with ";".`
      : `emailAddresses contains ${bad.length} entries that are not email addresses (${bad.slice(0, 3).map(q).join(', ')}). Correct or remove them; separate addresses with ";".`,
  enumValue: (field: string, text: string, allowed: string[]) =>
    `${field} ${q(text)} is not one of ${allowed.join(', ')}. Map the ATS status to one of them (e.g. Open → LISTED, Filled → CLOSED).`,
  countryCode: (text: string) =>
    `countryCode ${q(text)} is not an ISO 3166-1 two-letter country code. Use codes such as US, GB or DE.`,
  titleTooLong: (length: number, max: number) =>
    `title has ${length} characters; LinkedIn allows ${max}. Shorten it.`,
  jobIdTooLong: (length: number, max: number) =>
    `externalJobPostingId has ${length} characters; LinkedIn rejects ids longer than ${max}. Use the ATS's short job id.`,
  descriptionLength: (length: number) =>
    length < 100
      ? `description has ${length} characters; LinkedIn rejects descriptions under 100. Export the full job description from the ATS.`
      : `description has ${length.toLocaleString('en-US')} characters; LinkedIn rejects descriptions over 25,000. Shorten it.`,
  location: (text: string) =>
    `location ${q(text)} is not "City,State" or "City,Country". Write it as two parts separated by one comma, e.g. "Austin, TX" or "Berlin, Germany".`,
  locationRequired: (hasCountry: boolean, hasPostal: boolean) =>
    hasCountry || hasPostal
      ? `location is missing and ${hasCountry ? 'postalCode' : 'countryCode'} is empty too. Enter location as "City, State" or "City, Country" (LinkedIn's current API reads only location).`
      : 'location is missing (and countryCode and postalCode are empty). Enter location as "City, State" or "City, Country".',
  unsupported: (field: string) => UNSUPPORTED[field] ?? `LinkedIn no longer reads ${field}.`,
  stageNotAvailable: () =>
    'stage is "Not Available", which LinkedIn rejects. Use the stage name from the ATS, or exclude the record if the ATS has none.',
  dateSeconds: (shown: string, ms: number, zone: string) =>
    `${shown} looks like epoch seconds, not milliseconds (as milliseconds it would be in January 1970). Multiply by 1000: ${ms} (${formatEpochMs(ms, zone)}).`,
  dateFraction: (shown: string) => `${shown} has a fraction of a millisecond. Round it to a whole number.`,
  dateAmbiguous: (field: string, shown: string, reason: 'dayMonthOrder' | 'twoDigitYear' | 'quarter', formats: string[]) => {
    if (reason === 'quarter') return `${field} ${q(shown)} is a period, not a date. Enter the exact date from the ATS.`;
    const choice = formats.length ? ` (${formats.join(' or ')})` : '';
    return reason === 'twoDigitYear'
      ? `${field} ${q(shown)} has a two-digit year, so its century is a guess. Choose the date format of this column${choice}; the whole column is then re-read with it.`
      : `${field} ${q(shown)} could be read day-first or month-first. Choose the date format of this column${choice}; the whole column is then re-read with it.`;
  },
  dateFormatMismatch: (shown: string, format: string) =>
    `${q(shown)} does not match the column's date format ${format}. Correct the value, or choose the format the column really uses.`,
  dateInvalid: (field: string, shown: string) =>
    `${field} ${q(shown)} is not a date. Use epoch milliseconds, an Excel date, or a date like 2025-03-04 or 2025-03-04T09:30:00Z.`,
  dateNotPositive: (field: string, ms: number) =>
    `${field} is ${ms}, at or before 1 January 1970; LinkedIn requires a positive epoch-milliseconds date. Use the real date from the ATS.`,
  listedAtFuture: (date: string) =>
    `listedAt is ${date}, in the future; LinkedIn rejects that. Use the date the job was actually posted.`,
  dateOutOfRange: (field: string, date: string) =>
    `${field} is ${date}, which is implausible (before 2000 or after next year). Check that the value was converted correctly.`,
  emailOrPersonRequired: () =>
    'The candidate has neither email addresses nor a Person URN (manualMatchedMember). Add at least one email address, or the urn:li:person:… from One-Click Export.',
  modifiedBeforeCreated: () =>
    'atsLastModifiedAt is before atsCreatedAt, which LinkedIn rejects. Check both dates in the ATS; if unsure, set atsLastModifiedAt to atsCreatedAt.',
  duplicateKey: (category: Category, field: string, key: string, count: number) =>
    `${count} ${NOUN[category]}s share the key ${q(key)} (${field}); LinkedIn would keep only one. Correct the id, or exclude all but one.`,
  jobNotImported: (id: string) =>
    `atsJobPostingId ${q(id)} matches no imported job. Import the jobs export as well, or correct the id.`,
  candidateNotImported: (id: string) =>
    `atsCandidateId ${q(id)} matches no imported candidate. Import the candidates export as well, or correct the id.`,
  applicationNotImported: (id: string) =>
    `atsJobApplicationId ${q(id)} matches no imported application. Import the applications export as well, or correct the id.`,
};
