import type { Category } from '../domain';
import type { ValueKind } from './coerce';

/**
 * The fields each /v2 request element carries, and how each is coerced. Key fields of the
 * batch_update resources are not listed: they travel in the Rest.li key, not the body (as in
 * LinkedIn's Postman collection). Deliberately absent from jobs: `state`, `countryCode`,
 * `postalCode` and `workRemoteAllowed`, which LinkedIn stopped accepting on 30 June 2024; the
 * job's state becomes `jobPostingOperationType` and a postal code + country become `location`.
 */
export interface BodyField {
  name: string;
  kind: ValueKind;
  /** Sent as [] when empty: the API requires the field but accepts an empty list. */
  emptyList?: boolean;
}

export const BODY_FIELDS: Record<Category, readonly BodyField[]> = {
  jobs: [
    { name: 'integrationContext', kind: 'string' },
    { name: 'externalJobPostingId', kind: 'id' },
    { name: 'jobPostingOperationType', kind: 'string' },
    { name: 'title', kind: 'string' },
    { name: 'description', kind: 'string' },
    { name: 'location', kind: 'string' },
    { name: 'listedAt', kind: 'epochMs' },
    { name: 'companyApplyUrl', kind: 'string' },
    { name: 'availability', kind: 'string' },
    { name: 'listingType', kind: 'string' },
    { name: 'contract', kind: 'string' },
    { name: 'employmentStatus', kind: 'string' },
    { name: 'experienceLevel', kind: 'string' },
    { name: 'workplaceTypes', kind: 'stringList' },
    { name: 'expireAt', kind: 'epochMs' },
    { name: 'industries', kind: 'stringList' },
    { name: 'alternateLocations', kind: 'stringList' },
    { name: 'requisitionOwnerEmail', kind: 'email' },
    { name: 'requisitionOwnerFirstName', kind: 'string' },
    { name: 'requisitionOwnerLastName', kind: 'string' },
  ],
  candidates: [
    { name: 'addresses', kind: 'objectList', emptyList: true },
    { name: 'atsCreatedAt', kind: 'epochMs' },
    { name: 'atsLastModifiedAt', kind: 'epochMs' },
    { name: 'currentCompanyName', kind: 'string' },
    { name: 'currentJobTitle', kind: 'string' },
    { name: 'doNotContact', kind: 'boolean' },
    { name: 'emailAddresses', kind: 'emailList' },
    { name: 'externalProfileUrl', kind: 'string' },
    { name: 'firstName', kind: 'string' },
    { name: 'lastName', kind: 'string' },
    { name: 'linkedInProfileUrl', kind: 'string' },
    { name: 'manualMatchedMember', kind: 'string' },
    { name: 'middleInitial', kind: 'string' },
    { name: 'phoneNumbers', kind: 'phoneList', emptyList: true },
    { name: 'prefix', kind: 'string' },
    { name: 'suffix', kind: 'string' },
  ],
  applications: [
    { name: 'atsCandidateId', kind: 'id' },
    { name: 'atsCreatedAt', kind: 'epochMs' },
    { name: 'atsLastModifiedAt', kind: 'epochMs' },
    { name: 'atsJobPostingId', kind: 'id' },
    { name: 'atsJobPostingName', kind: 'string' },
    { name: 'candidateEmail', kind: 'email' },
    { name: 'dispositionReason', kind: 'string' },
    { name: 'firstName', kind: 'string' },
    { name: 'lastName', kind: 'string' },
    { name: 'media', kind: 'string' },
    { name: 'source', kind: 'string' },
  ],
  stages: [
    { name: 'atsCreatedAt', kind: 'epochMs' },
    { name: 'stage', kind: 'string' },
  ],
};

export const JOB_OPERATION_TYPES = ['CREATE', 'UPDATE', 'RENEW', 'CLOSE'] as const;
export type JobOperationType = (typeof JOB_OPERATION_TYPES)[number];
