import { describe, expect, it } from 'vitest';
import { buildPayload, type BuiltPayload } from '../../../shared/payload/elements';

const ORG = 'urn:li:organization:42';

function built(result: ReturnType<typeof buildPayload>): BuiltPayload {
  if (!result.ok) throw new Error(result.problem);
  return result;
}

const jobValues = {
  externalJobPostingId: 'J1',
  title: 'Engineer',
  description: 'x'.repeat(120),
  location: 'Paris, France',
  companyApplyUrl: 'https://example.com/j1',
  listedAt: 1_700_000_000_000,
  state: 'LISTED',
};

describe('job elements', () => {
  it('send CREATE the first time and UPDATE once the job exists, with the same hash', () => {
    const first = built(buildPayload({ category: 'jobs', key: 'J1', values: jobValues }, { organizationUrn: ORG }));
    const later = built(buildPayload({ category: 'jobs', key: 'J1', values: jobValues }, { organizationUrn: ORG, previouslyCreated: true }));
    expect(first.element.jobPostingOperationType).toBe('CREATE');
    expect(later.element.jobPostingOperationType).toBe('UPDATE');
    expect(later.hash).toBe(first.hash);
  });

  it('turn a CLOSED state into a CLOSE operation and never send state', () => {
    const p = built(buildPayload({ category: 'jobs', key: 'J1', values: { ...jobValues, state: 'CLOSED' } }, { organizationUrn: ORG, previouslyCreated: true }));
    expect(p.element.jobPostingOperationType).toBe('CLOSE');
    expect(p.element).not.toHaveProperty('state');
    const open = built(buildPayload({ category: 'jobs', key: 'J1', values: jobValues }, { organizationUrn: ORG, previouslyCreated: true }));
    expect(p.hash).not.toBe(open.hash);
  });

  it('take the organization URN when the job has no integrationContext of its own', () => {
    const p = built(buildPayload({ category: 'jobs', key: 'J1', values: jobValues }, { organizationUrn: ORG }));
    expect(p.element.integrationContext).toBe(ORG);
    const own = built(buildPayload({ category: 'jobs', key: 'J1', values: { ...jobValues, integrationContext: 'urn:li:organization:7' } }, { organizationUrn: ORG }));
    expect(own.element.integrationContext).toBe('urn:li:organization:7');
  });

  it('build location from postal code and country when location is missing, and drop the retired fields', () => {
    const { location: _omit, ...rest } = jobValues;
    void _omit;
    const p = built(buildPayload({ category: 'jobs', key: 'J1', values: { ...rest, postalCode: '75001', countryCode: 'FR' } }, { organizationUrn: ORG }));
    expect(p.element.location).toBe('75001, FR');
    expect(p.element).not.toHaveProperty('postalCode');
    expect(p.element).not.toHaveProperty('countryCode');
  });

  it('use the externalJobPostingId as the key that must not repeat in a request', () => {
    const p = built(buildPayload({ category: 'jobs', key: 'J1', values: { ...jobValues, externalJobPostingId: 10090.0 } }, { organizationUrn: ORG }));
    expect(p.entityKey).toBe('10090');
    expect(p.element.externalJobPostingId).toBe('10090');
  });
});

describe('candidate elements', () => {
  const values = {
    atsCandidateId: 'C1',
    atsCreatedAt: '1700000000000',
    atsLastModifiedAt: '2024-01-02T03:04:05Z',
    firstName: ' Ada ',
    emailAddresses: 'ada@example.com; ada2@example.com',
    doNotContact: 'yes',
  };

  it('carry the key in the Rest.li key, not in the body', () => {
    const p = built(buildPayload({ category: 'candidates', key: 'C1', values }, { organizationUrn: ORG }));
    expect(p.entityKey).toBe('(atsCandidateId:C1,dataProvider:ATS,integrationContext:urn%3Ali%3Aorganization%3A42)');
    expect(p.element).not.toHaveProperty('atsCandidateId');
    expect(p.element).not.toHaveProperty('integrationContext');
  });

  it('coerce timestamps, email lists and booleans and send the required empty lists', () => {
    const p = built(buildPayload({ category: 'candidates', key: 'C1', values }, { organizationUrn: ORG }));
    expect(p.element).toEqual({
      addresses: [],
      atsCreatedAt: 1_700_000_000_000,
      atsLastModifiedAt: Date.UTC(2024, 0, 2, 3, 4, 5),
      doNotContact: true,
      emailAddresses: ['ada@example.com', 'ada2@example.com'],
      firstName: 'Ada',
      phoneNumbers: [],
    });
  });

  it('hash the same whatever the order of the stored values', () => {
    const a = built(buildPayload({ category: 'candidates', key: 'C1', values }, { organizationUrn: ORG }));
    const reversed = Object.fromEntries(Object.entries(values).reverse());
    const b = built(buildPayload({ category: 'candidates', key: 'C1', values: reversed }, { organizationUrn: ORG }));
    expect(b.hash).toBe(a.hash);
    const c = built(buildPayload({ category: 'candidates', key: 'C1', values: { ...values, firstName: 'Ava' } }, { organizationUrn: ORG }));
    expect(c.hash).not.toBe(a.hash);
  });

  it('change hash when the organization changes, since the key changes', () => {
    const a = built(buildPayload({ category: 'candidates', key: 'C1', values }, { organizationUrn: ORG }));
    const b = built(buildPayload({ category: 'candidates', key: 'C1', values }, { organizationUrn: 'urn:li:organization:43' }));
    expect(b.hash).not.toBe(a.hash);
  });

  it('cannot be built without an organization URN', () => {
    const r = buildPayload({ category: 'candidates', key: 'C1', values }, { organizationUrn: '' });
    expect(r.ok).toBe(false);
  });
});

describe('application and stage elements', () => {
  it('send every mapped application field, the candidate id included', () => {
    const p = built(
      buildPayload(
        {
          category: 'applications',
          key: 'A1',
          values: { atsJobApplicationId: 'A1', atsCandidateId: 77, atsJobPostingId: 'J1', source: 'Referral', dispositionReason: '' },
        },
        { organizationUrn: ORG },
      ),
    );
    expect(p.entityKey).toContain('atsJobApplicationId:A1');
    expect(p.element).toEqual({ atsCandidateId: '77', atsJobPostingId: 'J1', source: 'Referral' });
  });

  it('put the application key in the parent and the stage id as a plain key', () => {
    const p = built(
      buildPayload(
        { category: 'stages', key: 'A1/S 1', values: { atsJobApplicationId: 'A1', stageId: 'S 1', atsCreatedAt: 5, stage: 'Offer' } },
        { organizationUrn: ORG },
      ),
    );
    expect(p.parentKey).toBe('(atsJobApplicationId:A1,dataProvider:ATS,integrationContext:urn%3Ali%3Aorganization%3A42)');
    expect(p.entityKey).toBe('S%201');
    expect(p.element).toEqual({ atsCreatedAt: 5, stage: 'Offer' });
  });

  it('take the stage id from the record key when the values lack it', () => {
    const p = built(buildPayload({ category: 'stages', key: 'A1/stg-1a2b', values: { atsJobApplicationId: 'A1', stage: 'New', atsCreatedAt: 1 } }, { organizationUrn: ORG }));
    expect(p.entityKey).toBe('stg-1a2b');
  });
});

describe('values read as the compliance check reads them', () => {
  const base = { atsCandidateId: 'C1', firstName: 'Ada' };

  it('reads zoneless date-times in the workspace time zone and Excel serials as dates', () => {
    const p = built(
      buildPayload(
        { category: 'candidates', key: 'C1', values: { ...base, atsCreatedAt: '2024-03-05 10:00', atsLastModifiedAt: 45292 } },
        { organizationUrn: ORG, timeZone: 'Europe/Paris' },
      ),
    );
    expect(p.element.atsCreatedAt).toBe(Date.UTC(2024, 2, 5, 9, 0));
    expect(p.element.atsLastModifiedAt).toBe(Date.UTC(2024, 0, 1, 0, 0) - 3_600_000);
  });

  it('uses the column format the consultant chose for day/month dates', () => {
    const values = { ...base, atsCreatedAt: '03/04/2025', atsLastModifiedAt: 1_750_000_000_000 };
    const dayFirst = built(buildPayload({ category: 'candidates', key: 'C1', values }, { organizationUrn: ORG, columnFormats: { atsCreatedAt: 'dd/MM/yyyy' } }));
    expect(dayFirst.element.atsCreatedAt).toBe(Date.UTC(2025, 3, 3));
    // Without a format the value has two readings: it is sent as is, for LinkedIn to refuse.
    const unread = built(buildPayload({ category: 'candidates', key: 'C1', values }, { organizationUrn: ORG }));
    expect(unread.element.atsCreatedAt).toBe('03/04/2025');
  });

  it('sends an email-list cell as a de-duplicated array', () => {
    const p = built(buildPayload({ category: 'candidates', key: 'C1', values: { ...base, emailAddresses: 'a@x.com;b@y.com a@x.com' } }, { organizationUrn: ORG }));
    expect(p.element.emailAddresses).toEqual(['a@x.com', 'b@y.com']);
  });
});
