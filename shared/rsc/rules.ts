import type { Category, Severity } from '../domain';
import type { RuleSource } from './fields';

/**
 * Every rule of the pack as data: a stable id (stored with each issue and used by `fix <rule>`),
 * its severity (error blocks the sync; warning and info do not), where it comes from ('seed' =
 * the customer's required-fields table, 'api' = what LinkedIn's API enforces beyond it, so the UI
 * can say "LinkedIn rejects this"), what it checks, and the fields it applies to. The Rules page
 * renders documentation from this list; checkRecord produces the per-record messages.
 */
export interface RuleSpec {
  id: string;
  severity: Severity;
  source: RuleSource;
  /** field: one value; record: several fields of one record; crossRecord: other records too. */
  scope: 'field' | 'record' | 'crossRecord';
  title: string;
  /** What the rule checks and how to fix a failure, in plain words. */
  description: string;
  appliesTo: { category: Category; field: string }[];
  /** The machine fix the rule offers where it can, for documentation. */
  fixes?: string[];
}

const on = (category: Category, ...fields: string[]) => fields.map((field) => ({ category, field }));

const DATE_FIELDS = [
  ...on('jobs', 'listedAt'),
  ...on('candidates', 'atsCreatedAt', 'atsLastModifiedAt'),
  ...on('applications', 'atsCreatedAt', 'atsLastModifiedAt'),
  ...on('stages', 'atsCreatedAt'),
];

export const RULES: readonly RuleSpec[] = [
  {
    id: 'required-missing', severity: 'error', source: 'seed', scope: 'field',
    title: 'Required field is missing',
    description:
      'A field the required-fields table marks "Yes" is empty. Fill it in from the ATS; if the ATS has no value, exclude the record and tell the LinkedIn contact instead of inventing one.',
    appliesTo: [
      ...on('jobs', 'integrationContext', 'externalJobPostingId', 'title', 'description', 'state', 'companyApplyUrl', 'listedAt'),
      ...on('candidates', 'atsCandidateId', 'atsCreatedAt', 'atsLastModifiedAt', 'externalProfileUrl', 'firstName', 'lastName'),
      ...on('applications', 'atsJobApplicationId', 'atsCreatedAt', 'atsLastModifiedAt', 'atsJobPostingId', 'atsJobPostingName', 'candidateEmail', 'firstName', 'lastName', 'source'),
      ...on('stages', 'atsJobApplicationId', 'atsCreatedAt', 'stage'),
    ],
  },
  {
    id: 'available-missing', severity: 'warning', source: 'seed', scope: 'field',
    title: 'Field expected when the ATS has it',
    description:
      'A "required if data is available" field is empty. Send it when the ATS has it; if it really has none, the record can still be synced.',
    appliesTo: on('applications', 'atsCandidateId', 'dispositionReason', 'media'),
  },
  {
    id: 'location-required', severity: 'error', source: 'seed', scope: 'record',
    title: 'Job needs a location (or country code and postal code)',
    description:
      'A job needs location, or else both countryCode and postalCode. Enter location as "City, State" or "City, Country" (LinkedIn\'s current API reads only location).',
    appliesTo: on('jobs', 'location'),
  },
  {
    id: 'email-or-person-required', severity: 'error', source: 'seed', scope: 'record',
    title: 'Candidate needs an email address or a Person URN',
    description:
      'A candidate needs at least one email address, or a LinkedIn Person URN (manualMatchedMember) from One-Click Export. Add either.',
    appliesTo: on('candidates', 'emailAddresses', 'manualMatchedMember'),
  },
  {
    id: 'organization-urn-format', severity: 'error', source: 'seed', scope: 'field',
    title: 'Organization URN format',
    description: 'integrationContext must read urn:li:organization:<digits>, e.g. urn:li:organization:1234.',
    appliesTo: on('jobs', 'integrationContext'),
    fixes: ['Prefix urn:li:organization: to a bare number', 'Replace urn:li:company: with urn:li:organization:', 'Remove spaces'],
  },
  {
    id: 'person-urn-format', severity: 'error', source: 'seed', scope: 'field',
    title: 'Person URN format',
    description:
      'manualMatchedMember must read urn:li:person:<id>, as One-Click Export delivers it. A profile URL is not a Person URN.',
    appliesTo: on('candidates', 'manualMatchedMember'),
    fixes: ['Prefix urn:li:person: to a bare member id', 'Remove spaces'],
  },
  {
    id: 'media-urn-format', severity: 'error', source: 'seed', scope: 'field',
    title: 'Media URN format',
    description: 'media must be the URN returned by the resume upload (urn:li:media:…), not a file name or link.',
    appliesTo: on('applications', 'media'),
  },
  {
    id: 'media-not-uploaded', severity: 'warning', source: 'seed', scope: 'field',
    title: 'Resume attached but not uploaded',
    description:
      'A resume is attached to the application but has no valid media URN yet (never uploaded, changed since, or its URN expires before the planned send). The sync uploads it right before sending the application.',
    appliesTo: on('applications', 'media'),
  },
  {
    id: 'media-urn-expired', severity: 'error', source: 'seed', scope: 'field',
    title: 'Media URN expired',
    description:
      'A media URN expires 24 hours after it is obtained, and this one is older than that at the planned send time. Clear the media column; an attached resume is uploaded again by the sync.',
    appliesTo: on('applications', 'media'),
  },
  {
    id: 'email-format', severity: 'error', source: 'seed', scope: 'field',
    title: 'Email address format',
    description:
      'Each address must look like name@domain.tld. Lists may be separated by ";", "," or spaces; anything else is not an address.',
    appliesTo: [...on('candidates', 'emailAddresses'), ...on('applications', 'candidateEmail')],
    fixes: ['Keep only the address inside "Name <address>"', 'Split "a@x.com|b@y.com" into separate addresses'],
  },
  {
    id: 'email-single', severity: 'error', source: 'seed', scope: 'field',
    title: 'One address only',
    description: 'candidateEmail takes one address (the one entered on the application), not a list.',
    appliesTo: on('applications', 'candidateEmail'),
    fixes: ['Keep the first address'],
  },
  {
    id: 'url-format', severity: 'error', source: 'seed', scope: 'field',
    title: 'Absolute http(s) URL',
    description: 'Links must be absolute http or https URLs without spaces, e.g. https://ats.example.com/jobs/123.',
    appliesTo: [...on('jobs', 'companyApplyUrl'), ...on('candidates', 'externalProfileUrl')],
    fixes: ['Add https:// to a link without a scheme', 'Encode spaces as %20'],
  },
  {
    id: 'state-value', severity: 'error', source: 'seed', scope: 'field',
    title: 'Job state is LISTED or CLOSED',
    description: 'state must be LISTED or CLOSED. Map the ATS status (e.g. Open → LISTED, Filled → CLOSED) on import or edit it.',
    appliesTo: on('jobs', 'state'),
  },
  {
    id: 'title-too-long', severity: 'error', source: 'seed', scope: 'field',
    title: 'Title at most 200 characters',
    description: 'A job title may have at most 200 characters. Shorten it.',
    appliesTo: on('jobs', 'title'),
    fixes: ['Shorten to 200 characters'],
  },
  {
    id: 'location-format', severity: 'error', source: 'seed', scope: 'field',
    title: 'Location "CITY,STATE" or "CITY,COUNTRY"',
    description:
      'location must be two parts separated by one comma: "City,State" or "City,Country" (a space after the comma is fine), e.g. "Austin, TX".',
    appliesTo: on('jobs', 'location'),
    fixes: ['Tidy the spaces around the comma'],
  },
  {
    id: 'country-code-format', severity: 'error', source: 'seed', scope: 'field',
    title: 'ISO 3166-1 alpha-2 country code',
    description: 'countryCode must be a two-letter ISO 3166-1 code such as US, GB or DE.',
    appliesTo: on('jobs', 'countryCode'),
    fixes: ['Convert a three-letter code (DEU → DE) or UK → GB'],
  },
  {
    id: 'date-seconds', severity: 'error', source: 'seed', scope: 'field',
    title: 'Milliseconds, not seconds',
    description: 'Dates are epoch milliseconds. A 10-digit number is epoch seconds and would land in January 1970.',
    appliesTo: DATE_FIELDS,
    fixes: ['Convert seconds to milliseconds (×1000)'],
  },
  {
    id: 'date-fraction', severity: 'error', source: 'seed', scope: 'field',
    title: 'Whole milliseconds',
    description: 'Epoch milliseconds are whole numbers.',
    appliesTo: DATE_FIELDS,
    fixes: ['Round to whole milliseconds'],
  },
  {
    id: 'date-ambiguous', severity: 'error', source: 'seed', scope: 'field',
    title: 'Date has more than one reading',
    description:
      'Dates like 03/04/2025 (day or month first?), two-digit years and quarters ("Q3") cannot be converted safely. Choose the column\'s date format (e.g. dd/MM/yyyy); the whole column is then re-read with it.',
    appliesTo: DATE_FIELDS,
  },
  {
    id: 'date-format-mismatch', severity: 'error', source: 'seed', scope: 'field',
    title: 'Date does not match the column format',
    description: 'The value cannot be read with the date format chosen for its column. Correct the value or choose another format.',
    appliesTo: DATE_FIELDS,
  },
  {
    id: 'date-invalid', severity: 'error', source: 'seed', scope: 'field',
    title: 'Not a date',
    description:
      'The value is not a date: expected epoch milliseconds, an Excel date, or a date such as 2025-03-04 or 2025-03-04T09:30:00Z.',
    appliesTo: DATE_FIELDS,
  },
  {
    id: 'date-not-positive', severity: 'error', source: 'api', scope: 'field',
    title: 'Date after 1970',
    description: 'LinkedIn requires epoch milliseconds greater than 0.',
    appliesTo: DATE_FIELDS,
  },
  {
    id: 'date-out-of-range', severity: 'warning', source: 'seed', scope: 'field',
    title: 'Implausible date',
    description: 'Dates before 2000 or after the end of next year are probably a conversion mistake. Check the value in the ATS.',
    appliesTo: DATE_FIELDS,
  },
  {
    id: 'description-length', severity: 'error', source: 'api', scope: 'field',
    title: 'Description 100–25,000 characters',
    description: 'LinkedIn rejects job descriptions shorter than 100 or longer than 25,000 characters.',
    appliesTo: on('jobs', 'description'),
  },
  {
    id: 'job-id-too-long', severity: 'error', source: 'api', scope: 'field',
    title: 'externalJobPostingId at most 200 characters',
    description: 'LinkedIn rejects job ids longer than 200 characters.',
    appliesTo: on('jobs', 'externalJobPostingId'),
  },
  {
    id: 'listed-at-future', severity: 'error', source: 'api', scope: 'field',
    title: 'listedAt not in the future',
    description: 'LinkedIn rejects a job listed in the future. Use the date the job was actually posted.',
    appliesTo: on('jobs', 'listedAt'),
  },
  {
    id: 'modified-before-created', severity: 'error', source: 'api', scope: 'record',
    title: 'Last modified not before created',
    description: 'LinkedIn requires atsLastModifiedAt ≥ atsCreatedAt.',
    appliesTo: [...on('candidates', 'atsLastModifiedAt'), ...on('applications', 'atsLastModifiedAt')],
    fixes: ['Set atsLastModifiedAt to atsCreatedAt'],
  },
  {
    id: 'stage-not-available', severity: 'error', source: 'api', scope: 'field',
    title: 'Stage is not "Not Available"',
    description: 'LinkedIn rejects the stage "Not Available". Use the real stage name from the ATS, or exclude the record.',
    appliesTo: on('stages', 'stage'),
  },
  {
    id: 'field-unsupported', severity: 'info', source: 'api', scope: 'field',
    title: 'Field no longer read by LinkedIn',
    description:
      'Since 30 June 2024 LinkedIn ignores state, countryCode and postalCode on jobs: it reads location, and derives open/closed from the operation (state LISTED → CREATE/UPDATE, CLOSED → CLOSE). Nothing blocks; keep location filled in.',
    appliesTo: on('jobs', 'state', 'countryCode', 'postalCode'),
  },
  {
    id: 'duplicate-key', severity: 'error', source: 'api', scope: 'crossRecord',
    title: 'Two records with one key',
    description:
      'Two records of a category share a key; LinkedIn would keep only one of them. Correct the id, or exclude all but one.',
    appliesTo: [
      ...on('jobs', 'externalJobPostingId'),
      ...on('candidates', 'atsCandidateId'),
      ...on('applications', 'atsJobApplicationId'),
      ...on('stages', 'stageId'),
    ],
  },
  {
    id: 'job-not-imported', severity: 'warning', source: 'api', scope: 'crossRecord',
    title: 'Application for a job not imported',
    description:
      'The application\'s atsJobPostingId matches no imported job. Import the jobs export too, or check the id; LinkedIn links applications to jobs by it.',
    appliesTo: on('applications', 'atsJobPostingId'),
  },
  {
    id: 'candidate-not-imported', severity: 'warning', source: 'api', scope: 'crossRecord',
    title: 'Application for a candidate not imported',
    description: 'The application\'s atsCandidateId matches no imported candidate. Import the candidates export too, or check the id.',
    appliesTo: on('applications', 'atsCandidateId'),
  },
  {
    id: 'application-not-imported', severity: 'warning', source: 'api', scope: 'crossRecord',
    title: 'Stage of an application not imported',
    description: 'The stage\'s atsJobApplicationId matches no imported application. Import the applications export too, or check the id.',
    appliesTo: on('stages', 'atsJobApplicationId'),
  },
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleSpec(id: string): RuleSpec | undefined {
  return BY_ID.get(id);
}

/** The rules that apply to a category, in pack order. */
export function rulesOf(category: Category): RuleSpec[] {
  return RULES.filter((r) => r.appliesTo.some((a) => a.category === category));
}
