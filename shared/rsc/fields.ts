import type { Category, FieldValues } from '../domain';

/**
 * The RSC field table as data: the seed's required-fields table, per category, plus the record
 * keys the API needs (marked source 'api'). The Rules page renders its documentation from this
 * table and the checks read requirement/format from it, so there is one place to read the pack.
 */

export type FieldType =
  | 'urn'
  | 'string'
  | 'epochMs'
  | 'emailList'
  | 'email'
  | 'url'
  | 'enum'
  | 'personUrn'
  | 'mediaUrn'
  | 'countryCode';

export type Requirement = 'required' | 'conditional' | 'ifAvailable' | 'optional';

export type RuleSource = 'seed' | 'api';

export interface FieldSpec {
  category: Category;
  name: string;
  description: string;
  type: FieldType;
  /** The format as the seed states it (or the API, for api-sourced fields). */
  format: string;
  requirement: Requirement;
  /** The requirement in the seed's own words, for display. */
  requirementText: string;
  maxLength?: number;
  enumValues?: string[];
  /** Part of the record key (see KEY_FIELDS). */
  key?: boolean;
  source: RuleSource;
}

const EPOCH = 'UTC Epoch Milliseconds';

export const FIELDS: readonly FieldSpec[] = [
  // Sync Jobs
  {
    category: 'jobs', name: 'integrationContext', type: 'urn', source: 'seed',
    description: 'Organization this job posting is created for.',
    format: 'URN: urn:li:organization:1234', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'jobs', name: 'externalJobPostingId', type: 'string', source: 'seed', key: true, maxLength: 200,
    description: 'Unique job id within the applicant tracking system.',
    format: 'String (max 200 characters per the API)', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'jobs', name: 'title', type: 'string', source: 'seed', maxLength: 200,
    description: 'Title of this job posting.',
    format: 'String (Max 200 Characters)', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'jobs', name: 'description', type: 'string', source: 'seed', maxLength: 25000,
    description: 'Custom description of the job posting.',
    format: 'String (100–25,000 characters per the API)', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'jobs', name: 'location', type: 'string', source: 'seed',
    description: 'Geographic location of the job position.',
    format: '"CITY,STATE" or "CITY,COUNTRY"', requirement: 'conditional',
    requirementText: 'Only if countryCode and postalCode are not provided',
  },
  {
    category: 'jobs', name: 'countryCode', type: 'countryCode', source: 'seed',
    description: 'Country code of the job position.',
    format: 'ISO 3166-1 alpha-2 code, e.g. US', requirement: 'conditional',
    requirementText: 'Only if location is not provided',
  },
  {
    category: 'jobs', name: 'postalCode', type: 'string', source: 'seed',
    description: 'Postal code of the job position.',
    format: 'String', requirement: 'conditional', requirementText: 'Only if location is not provided',
  },
  {
    category: 'jobs', name: 'state', type: 'enum', source: 'seed', enumValues: ['LISTED', 'CLOSED'],
    description: 'Defines the current state of the job.',
    format: '"LISTED" or "CLOSED"', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'jobs', name: 'companyApplyUrl', type: 'url', source: 'seed',
    description: 'Where to redirect applicants to in order to apply for the job.',
    format: 'Absolute http(s) URL', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'jobs', name: 'listedAt', type: 'epochMs', source: 'seed',
    description: "Date job posting was added to partner's system.",
    format: 'Epoch in Milliseconds (UTC)', requirement: 'required', requirementText: 'Yes',
  },

  // Sync Candidates
  {
    category: 'candidates', name: 'atsCandidateId', type: 'string', source: 'api', key: true,
    description: "Candidate's unique identifier in your ATS; the key LinkedIn stores the candidate under.",
    format: 'String', requirement: 'required', requirementText: 'Record key (required by the API)',
  },
  {
    category: 'candidates', name: 'atsCreatedAt', type: 'epochMs', source: 'seed',
    description: 'Date record was created in your ATS.',
    format: EPOCH, requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'candidates', name: 'atsLastModifiedAt', type: 'epochMs', source: 'seed',
    description: 'Date record was last updated in your ATS.',
    format: EPOCH, requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'candidates', name: 'emailAddresses', type: 'emailList', source: 'seed',
    description: 'List of candidate email addresses.',
    format: 'Array of email addresses (separated by ";", "," or spaces in a cell)', requirement: 'conditional',
    requirementText: 'Yes, if no Person URN',
  },
  {
    category: 'candidates', name: 'externalProfileUrl', type: 'url', source: 'seed',
    description: 'Link to the candidate in your system.',
    format: 'Absolute http(s) URL', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'candidates', name: 'firstName', type: 'string', source: 'seed',
    description: "Candidate's first name.", format: 'String', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'candidates', name: 'lastName', type: 'string', source: 'seed',
    description: "Candidate's last name.", format: 'String', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'candidates', name: 'manualMatchedMember', type: 'personUrn', source: 'seed',
    description: 'LinkedIn Person URN received from One-Click Export.',
    format: 'Person URN: urn:li:person:<id>', requirement: 'conditional', requirementText: 'Yes, if no email address',
  },

  // Sync Applications
  {
    category: 'applications', name: 'atsJobApplicationId', type: 'string', source: 'api', key: true,
    description: "Application's unique identifier in your ATS; the key LinkedIn stores the application under.",
    format: 'String', requirement: 'required', requirementText: 'Record key (required by the API)',
  },
  {
    category: 'applications', name: 'atsCandidateId', type: 'string', source: 'seed',
    description: "Candidate's unique identifier in your ATS.",
    format: 'String', requirement: 'ifAvailable', requirementText: 'Yes, if data is available.',
  },
  {
    category: 'applications', name: 'atsCreatedAt', type: 'epochMs', source: 'seed',
    description: 'Date record was created in your ATS.', format: EPOCH, requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'applications', name: 'atsLastModifiedAt', type: 'epochMs', source: 'seed',
    description: 'Date record was last updated in your ATS.', format: EPOCH, requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'applications', name: 'atsJobPostingId', type: 'string', source: 'seed',
    description: 'Unique identifier in your ATS of the job being applied to.',
    format: 'String', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'applications', name: 'atsJobPostingName', type: 'string', source: 'seed',
    description: 'Name in your ATS of the job being applied to.',
    format: 'String', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'applications', name: 'candidateEmail', type: 'email', source: 'seed',
    description: 'Candidate email address as entered on the application.',
    format: 'Email address', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'applications', name: 'dispositionReason', type: 'string', source: 'seed',
    description: 'Indicates the reason the candidate was not hired.',
    format: 'String', requirement: 'ifAvailable', requirementText: 'Yes, if data is available.',
  },
  {
    category: 'applications', name: 'firstName', type: 'string', source: 'seed',
    description: "Candidate's first name as entered on the application.",
    format: 'String', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'applications', name: 'lastName', type: 'string', source: 'seed',
    description: "Candidate's last name as entered on the application.",
    format: 'String', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'applications', name: 'source', type: 'string', source: 'seed',
    description: 'Where the application originated within your ATS, e.g. "Monster", "Referral", "Career Fair".',
    format: 'String', requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'applications', name: 'media', type: 'mediaUrn', source: 'seed',
    description: 'The media URN of the uploaded resume. The token expires 24 hours after it is obtained.',
    format: 'Media URN: urn:li:media:<id>', requirement: 'ifAvailable', requirementText: 'Yes, if resume is available.',
  },

  // Sync Application Stages
  {
    category: 'stages', name: 'atsJobApplicationId', type: 'string', source: 'api', key: true,
    description: 'The application this stage belongs to (its atsJobApplicationId).',
    format: 'String', requirement: 'required', requirementText: 'Record key (required by the API)',
  },
  {
    category: 'stages', name: 'stageId', type: 'string', source: 'api', key: true,
    description:
      'The stage id within the application. When the export has none, a stable id is derived from the application id, stage name and atsCreatedAt.',
    format: 'String', requirement: 'optional', requirementText: 'Derived when missing',
  },
  {
    category: 'stages', name: 'atsCreatedAt', type: 'epochMs', source: 'seed',
    description: 'Date record was created in your ATS.', format: EPOCH, requirement: 'required', requirementText: 'Yes',
  },
  {
    category: 'stages', name: 'stage', type: 'string', source: 'seed',
    description: 'Stage the application stayed in, as named by the ATS (e.g. Phone Screen, Onsite Interview, Rejected, Hired).',
    format: 'String (not "Not Available")', requirement: 'required', requirementText: 'Yes',
  },
];

const BY_CATEGORY = new Map<Category, FieldSpec[]>();
for (const f of FIELDS) {
  const list = BY_CATEGORY.get(f.category) ?? [];
  list.push(f);
  BY_CATEGORY.set(f.category, list);
}

/** The fields of one category, in table order. */
export function fieldsOf(category: Category): FieldSpec[] {
  return BY_CATEGORY.get(category) ?? [];
}

/** The spec of one field, or undefined when the field is not part of the category. */
export function fieldSpec(category: Category, name: string): FieldSpec | undefined {
  return fieldsOf(category).find((f) => f.name === name);
}

export { KEY_FIELDS, recordKey, deriveStageId } from './keys';
export type { FieldValues };
