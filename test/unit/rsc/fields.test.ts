import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../../shared/domain';
import { FIELDS, KEY_FIELDS, deriveStageId, fieldSpec, fieldsOf, recordKey } from '../../../shared/rsc/fields';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';

/** The seed table's rows (category, field, requirement column), as the customer's spec lists them. */
const SEED: [string, string, string][] = [
  ['jobs', 'integrationContext', 'Yes'], ['jobs', 'externalJobPostingId', 'Yes'], ['jobs', 'title', 'Yes'],
  ['jobs', 'description', 'Yes'], ['jobs', 'location', 'Only if countryCode and postalCode are not provided'],
  ['jobs', 'countryCode', 'Only if location is not provided'], ['jobs', 'postalCode', 'Only if location is not provided'],
  ['jobs', 'state', 'Yes'], ['jobs', 'companyApplyUrl', 'Yes'], ['jobs', 'listedAt', 'Yes'],
  ['candidates', 'atsCreatedAt', 'Yes'], ['candidates', 'atsLastModifiedAt', 'Yes'],
  ['candidates', 'emailAddresses', 'Yes, if no Person URN'], ['candidates', 'externalProfileUrl', 'Yes'],
  ['candidates', 'firstName', 'Yes'], ['candidates', 'lastName', 'Yes'], ['candidates', 'manualMatchedMember', 'Yes, if no email address'],
  ['applications', 'atsCandidateId', 'Yes, if data is available.'], ['applications', 'atsCreatedAt', 'Yes'],
  ['applications', 'atsLastModifiedAt', 'Yes'], ['applications', 'atsJobPostingId', 'Yes'], ['applications', 'atsJobPostingName', 'Yes'],
  ['applications', 'candidateEmail', 'Yes'], ['applications', 'dispositionReason', 'Yes, if data is available.'],
  ['applications', 'firstName', 'Yes'], ['applications', 'lastName', 'Yes'], ['applications', 'source', 'Yes'],
  ['applications', 'media', 'Yes, if resume is available.'],
  ['stages', 'atsCreatedAt', 'Yes'], ['stages', 'stage', 'Yes'],
];

describe('the field table', () => {
  it('holds every row of the seed table with the seed\'s own requirement text', () => {
    for (const [category, name, requirementText] of SEED) {
      const spec = fieldSpec(category as never, name);
      expect(spec, `${category}.${name}`).toBeDefined();
      expect(spec?.source).toBe('seed');
      expect(spec?.requirementText).toBe(requirementText);
    }
  });

  it('maps the seed\'s requirement texts to the four requirement kinds', () => {
    for (const [category, name, text] of SEED) {
      const expected = text === 'Yes' ? 'required' : text.startsWith('Yes, if data') || text.startsWith('Yes, if resume') ? 'ifAvailable' : 'conditional';
      expect(fieldSpec(category as never, name)?.requirement, `${category}.${name}`).toBe(expected);
    }
  });

  it('adds only the record keys the API needs beyond the seed, marked as API-sourced', () => {
    const extra = FIELDS.filter((f) => !SEED.some(([c, n]) => c === f.category && n === f.name));
    expect(extra.map((f) => `${f.category}.${f.name}`).sort()).toEqual(
      ['applications.atsJobApplicationId', 'candidates.atsCandidateId', 'stages.atsJobApplicationId', 'stages.stageId'].sort(),
    );
    for (const f of extra) {
      expect(f.source).toBe('api');
      expect(f.key).toBe(true);
    }
  });

  it('marks every key field as a key and lists the keys per category', () => {
    expect(KEY_FIELDS).toEqual({
      jobs: ['externalJobPostingId'],
      candidates: ['atsCandidateId'],
      applications: ['atsJobApplicationId'],
      stages: ['atsJobApplicationId', 'stageId'],
    });
    for (const category of CATEGORIES) {
      expect(fieldsOf(category).filter((f) => f.key).map((f) => f.name).sort()).toEqual([...KEY_FIELDS[category]].sort());
    }
  });

  it('states the limits and enumerations the rules use', () => {
    expect(fieldSpec('jobs', 'title')?.maxLength).toBe(200);
    expect(fieldSpec('jobs', 'externalJobPostingId')?.maxLength).toBe(200);
    expect(fieldSpec('jobs', 'state')?.enumValues).toEqual(['LISTED', 'CLOSED']);
    expect(fieldSpec('jobs', 'listedAt')?.type).toBe('epochMs');
    expect(fieldSpec('candidates', 'manualMatchedMember')?.type).toBe('personUrn');
    expect(fieldSpec('applications', 'media')?.type).toBe('mediaUrn');
  });

  it('has a version string of the form rsc-YYYY.MM-N', () => {
    expect(RULE_PACK_VERSION).toMatch(/^rsc-\d{4}\.\d{2}-\d+$/);
  });
});

describe('record keys', () => {
  it('uses the id field of jobs, candidates and applications, canonicalizing whole numbers', () => {
    expect(recordKey('jobs', { externalJobPostingId: ' JOB-7 ' })).toBe('JOB-7');
    expect(recordKey('candidates', { atsCandidateId: 10090 })).toBe('10090');
    expect(recordKey('candidates', { atsCandidateId: '10090.0' })).toBe('10090');
    expect(recordKey('applications', { atsJobApplicationId: '1.009E+4' })).toBe('10090');
  });

  it('is null when the key field is missing or blank', () => {
    expect(recordKey('jobs', {})).toBeNull();
    expect(recordKey('candidates', { atsCandidateId: '   ' })).toBeNull();
    expect(recordKey('stages', { stageId: 'S1' })).toBeNull();
  });

  it('joins the application id and stage id for stages', () => {
    expect(recordKey('stages', { atsJobApplicationId: 'A1', stageId: 'S9' })).toBe('A1/S9');
  });

  it('derives a missing stage id from application, stage and creation time, the same however the values are written', () => {
    const ms = Date.UTC(2025, 2, 4, 9, 30);
    const a = recordKey('stages', { atsJobApplicationId: 10090, stage: 'Hired', atsCreatedAt: ms });
    const b = recordKey('stages', { atsJobApplicationId: '10090.0', stage: ' Hired ', atsCreatedAt: '2025-03-04T09:30:00Z' });
    expect(a).toBe(b);
    expect(a).toBe(`10090/${deriveStageId('10090', 'Hired', ms)}`);
    expect(a).toMatch(/^10090\/stg-[0-9a-f]{8}$/);
  });

  it('derives different stage ids for different stages or times of one application', () => {
    const ms = Date.UTC(2025, 2, 4);
    const ids = new Set([
      deriveStageId('A1', 'Hired', ms),
      deriveStageId('A1', 'Rejected', ms),
      deriveStageId('A1', 'Hired', ms + 1000),
      deriveStageId('A2', 'Hired', ms),
    ]);
    expect(ids.size).toBe(4);
  });

  it('reads a zoneless creation time in the workspace time zone when deriving a stage id', () => {
    const values = { atsJobApplicationId: 'A1', stage: 'Hired', atsCreatedAt: '2025-03-04T09:30:00' };
    const berlin = recordKey('stages', values, { timeZone: 'Europe/Berlin' });
    expect(berlin).toBe(`A1/${deriveStageId('A1', 'Hired', Date.UTC(2025, 2, 4, 8, 30))}`);
    expect(recordKey('stages', values)).not.toBe(berlin);
  });
});
