// Per-entity validation as the API notes describe it; messages in LinkedIn's "ERROR :: /field :: …" style.
type Entity = Record<string, unknown>;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const ORG_URN = /^urn:li:organization:\d+$/;

function required(field: string): string {
  return `ERROR :: /${field} :: field is required but not found and has no default value`;
}

function unknownFields(entity: Entity, allowed: readonly string[]): string | null {
  const extra = Object.keys(entity).find((k) => !allowed.includes(k));
  return extra ? `ERROR :: /${extra} :: unrecognized field found but the schema does not allow it` : null;
}

function epochMs(entity: Entity, field: string): string | null {
  const v = entity[field];
  if (v === undefined) return required(field);
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) return `ERROR :: /${field} :: must be a positive epoch-milliseconds integer`;
  return null;
}

function text(entity: Entity, field: string, max = Infinity): string | null {
  const v = entity[field];
  if (v === undefined) return required(field);
  if (typeof v !== 'string' || v.length < 1) return `ERROR :: /${field} :: length must be at least 1`;
  if (v.length > max) return `ERROR :: /${field} :: length must be at most ${max}`;
  return null;
}

const CANDIDATE_FIELDS = [
  'addresses', 'atsCreatedAt', 'atsLastModifiedAt', 'currentCompanyName', 'currentJobTitle', 'doNotContact',
  'emailAddresses', 'externalProfileUrl', 'firstName', 'lastName', 'linkedInProfileUrl', 'manualMatchedMember',
  'middleInitial', 'phoneNumbers', 'prefix', 'suffix',
];

export function validateCandidate(e: Entity): string | null {
  const errors = [
    unknownFields(e, CANDIDATE_FIELDS),
    epochMs(e, 'atsCreatedAt'),
    epochMs(e, 'atsLastModifiedAt'),
    text(e, 'firstName'),
    Array.isArray(e.addresses) ? null : e.addresses === undefined ? required('addresses') : 'ERROR :: /addresses :: must be an array',
    Array.isArray(e.phoneNumbers) ? null : e.phoneNumbers === undefined ? required('phoneNumbers') : 'ERROR :: /phoneNumbers :: must be an array',
  ];
  if (typeof e.atsCreatedAt === 'number' && typeof e.atsLastModifiedAt === 'number' && e.atsLastModifiedAt < e.atsCreatedAt) {
    errors.push('ERROR :: /atsLastModifiedAt :: must not be before atsCreatedAt');
  }
  if (e.emailAddresses !== undefined) {
    if (!Array.isArray(e.emailAddresses) || e.emailAddresses.some((x) => typeof x !== 'string' || !EMAIL.test(x))) {
      errors.push('ERROR :: /emailAddresses :: every item must be an email address');
    }
  }
  return errors.find((x) => x !== null) ?? null;
}

const APPLICATION_FIELDS = [
  'atsCandidateId', 'atsCreatedAt', 'atsLastModifiedAt', 'atsJobPostingId', 'atsJobPostingName', 'candidateEmail',
  'dispositionReason', 'firstName', 'lastName', 'media', 'source',
];

export function validateApplication(e: Entity): string | null {
  const errors = [
    unknownFields(e, APPLICATION_FIELDS),
    epochMs(e, 'atsCreatedAt'),
    epochMs(e, 'atsLastModifiedAt'),
    text(e, 'atsJobPostingId'),
    text(e, 'atsJobPostingName'),
    text(e, 'firstName'),
    e.candidateEmail === undefined ? required('candidateEmail') : typeof e.candidateEmail === 'string' && EMAIL.test(e.candidateEmail) ? null : 'ERROR :: /candidateEmail :: must be an email address',
  ];
  return errors.find((x) => x !== null) ?? null;
}

export function validateStage(e: Entity): string | null {
  const errors = [
    unknownFields(e, ['atsCreatedAt', 'stage']),
    epochMs(e, 'atsCreatedAt'),
    text(e, 'stage'),
    e.stage === 'Not Available' ? 'ERROR :: /stage :: "Not Available" is not a stage' : null,
  ];
  return errors.find((x) => x !== null) ?? null;
}

const JOB_FIELDS = [
  'integrationContext', 'externalJobPostingId', 'jobPostingOperationType', 'title', 'description', 'location', 'listedAt',
  'companyApplyUrl', 'availability', 'listingType', 'contract', 'employmentStatus', 'experienceLevel', 'workplaceTypes',
  'expireAt', 'industries', 'alternateLocations', 'requisitionOwnerEmail', 'requisitionOwnerFirstName', 'requisitionOwnerLastName',
];

/** Synchronous checks of batch_create (element-level 422 inside the 200). */
export function validateJob(e: Entity): string | null {
  const errors = [
    unknownFields(e, JOB_FIELDS),
    e.integrationContext === undefined ? required('integrationContext') : typeof e.integrationContext === 'string' && ORG_URN.test(e.integrationContext) ? null : 'ERROR :: /integrationContext :: must be an organization URN',
    text(e, 'externalJobPostingId', 200),
    ['CREATE', 'UPDATE', 'RENEW', 'CLOSE'].includes(String(e.jobPostingOperationType)) ? null : 'ERROR :: /jobPostingOperationType :: must be one of CREATE, UPDATE, RENEW, CLOSE',
    text(e, 'title', 200),
    text(e, 'description', 25_000) ?? (String(e.description).length < 100 ? 'ERROR :: /description :: length must be at least 100' : null),
    text(e, 'location'),
    text(e, 'companyApplyUrl'),
    epochMs(e, 'listedAt'),
  ];
  return errors.find((x) => x !== null) ?? null;
}
