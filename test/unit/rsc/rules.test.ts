import { describe, expect, it } from 'vitest';
import type { Category, FieldValues, Issue } from '../../../shared/domain';
import { CATEGORIES } from '../../../shared/domain';
import { checkRecord, type RecordCheck } from '../../../shared/rsc/check';
import type { CheckContext } from '../../../shared/rsc/context';
import { fieldsOf } from '../../../shared/rsc/fields';
import { RULES, ruleSpec, rulesOf } from '../../../shared/rsc/rules';
import { CREATED, DAY, NOW, validRecord } from './fixtures';

interface Example {
  rule: string;
  category: Category;
  field: string;
  /** Changes to the valid record that break the rule. */
  failing: FieldValues;
  /** Changes that satisfy it (often a near miss of the failing case). */
  passing: FieldValues;
  ctx?: CheckContext;
  /** The machine fix the failing case must offer, if any. */
  fix?: Issue['fix'];
}

const ctx: CheckContext = { now: NOW };

const EXAMPLES: Example[] = [
  { rule: 'required-missing', category: 'jobs', field: 'title', failing: { title: '   ' }, passing: { title: 'Dev' } },
  { rule: 'available-missing', category: 'applications', field: 'dispositionReason', failing: { dispositionReason: null }, passing: {} },
  {
    rule: 'location-required', category: 'jobs', field: 'location',
    failing: { location: null, countryCode: 'US' }, passing: { location: null, countryCode: 'US', postalCode: '78701' },
  },
  {
    rule: 'email-or-person-required', category: 'candidates', field: 'emailAddresses',
    failing: { emailAddresses: '' }, passing: { emailAddresses: '', manualMatchedMember: 'urn:li:person:AbC_12-x' },
  },
  {
    rule: 'organization-urn-format', category: 'jobs', field: 'integrationContext',
    failing: { integrationContext: ' 1234 ' }, passing: { integrationContext: 'urn:li:organization:98765' },
    fix: { label: 'Prefix urn:li:organization:', field: 'integrationContext', value: 'urn:li:organization:1234' },
  },
  {
    rule: 'person-urn-format', category: 'candidates', field: 'manualMatchedMember',
    failing: { manualMatchedMember: 'https://www.linkedin.com/in/ann-lee' }, passing: { manualMatchedMember: 'urn:li:person:ACoAAB12' },
  },
  {
    rule: 'media-urn-format', category: 'applications', field: 'media',
    failing: { media: 'resume.pdf' }, passing: { media: 'urn:li:media:abc' },
  },
  {
    rule: 'email-format', category: 'candidates', field: 'emailAddresses',
    failing: { emailAddresses: 'ann@example.com|bob@example.org' }, passing: { emailAddresses: 'ann@example.com, bob@example.org' },
    fix: { label: 'Split into 2 addresses', field: 'emailAddresses', value: 'ann@example.com;bob@example.org' },
  },
  {
    rule: 'email-single', category: 'applications', field: 'candidateEmail',
    failing: { candidateEmail: 'ann@example.com; bob@example.org' }, passing: { candidateEmail: 'ann@example.com' },
    fix: { label: 'Keep ann@example.com', field: 'candidateEmail', value: 'ann@example.com' },
  },
  {
    rule: 'url-format', category: 'jobs', field: 'companyApplyUrl',
    failing: { companyApplyUrl: 'careers.example.com/jobs/1' }, passing: { companyApplyUrl: 'http://careers.example.com/jobs/1?src=li' },
    fix: { label: 'Add https://', field: 'companyApplyUrl', value: 'https://careers.example.com/jobs/1' },
  },
  { rule: 'state-value', category: 'jobs', field: 'state', failing: { state: 'OPEN' }, passing: { state: 'closed' } },
  {
    rule: 'title-too-long', category: 'jobs', field: 'title',
    failing: { title: 'T'.repeat(201) }, passing: { title: 'T'.repeat(200) },
    fix: { label: 'Shorten to 200 characters', field: 'title', value: 'T'.repeat(200) },
  },
  {
    rule: 'location-format', category: 'jobs', field: 'location',
    failing: { location: 'Austin , TX' }, passing: { location: 'Austin,TX' },
    fix: { label: 'Tidy the spaces around the comma', field: 'location', value: 'Austin, TX' },
  },
  {
    rule: 'country-code-format', category: 'jobs', field: 'countryCode',
    failing: { countryCode: 'DEU' }, passing: { countryCode: 'de' },
    fix: { label: 'Change to DE', field: 'countryCode', value: 'DE' },
  },
  {
    rule: 'date-seconds', category: 'jobs', field: 'listedAt',
    failing: { listedAt: 1_736_899_200 }, passing: { listedAt: 1_736_899_200_000 },
    fix: { label: 'Convert seconds to milliseconds', field: 'listedAt', value: 1_736_899_200_000 },
  },
  {
    rule: 'date-fraction', category: 'candidates', field: 'atsCreatedAt',
    failing: { atsCreatedAt: CREATED + 0.5 }, passing: { atsCreatedAt: CREATED + 1 },
    fix: { label: 'Round to whole milliseconds', field: 'atsCreatedAt', value: CREATED + 1 },
  },
  {
    rule: 'date-ambiguous', category: 'stages', field: 'atsCreatedAt',
    failing: { atsCreatedAt: '03/04/2025' }, passing: { atsCreatedAt: '2025-04-03' },
  },
  {
    rule: 'date-format-mismatch', category: 'stages', field: 'atsCreatedAt',
    failing: { atsCreatedAt: '31/02/2025' }, passing: { atsCreatedAt: '28/02/2025' },
    ctx: { now: NOW, columnFormats: { atsCreatedAt: 'dd/MM/yyyy' } },
  },
  { rule: 'date-invalid', category: 'applications', field: 'atsCreatedAt', failing: { atsCreatedAt: 'soon' }, passing: {} },
  {
    rule: 'date-not-positive', category: 'applications', field: 'atsCreatedAt',
    failing: { atsCreatedAt: -86_400_000_000, atsLastModifiedAt: CREATED }, passing: {},
  },
  {
    rule: 'date-out-of-range', category: 'stages', field: 'atsCreatedAt',
    failing: { atsCreatedAt: Date.UTC(1999, 11, 31, 23) }, passing: { atsCreatedAt: Date.UTC(2000, 0, 1) },
  },
  {
    rule: 'description-length', category: 'jobs', field: 'description',
    failing: { description: 'd'.repeat(99) }, passing: { description: 'd'.repeat(100) },
  },
  {
    rule: 'job-id-too-long', category: 'jobs', field: 'externalJobPostingId',
    failing: { externalJobPostingId: 'J'.repeat(201) }, passing: { externalJobPostingId: 'J'.repeat(200) },
  },
  {
    rule: 'listed-at-future', category: 'jobs', field: 'listedAt',
    failing: { listedAt: NOW + 60_000 }, passing: { listedAt: NOW },
  },
  {
    rule: 'modified-before-created', category: 'candidates', field: 'atsLastModifiedAt',
    failing: { atsLastModifiedAt: CREATED - 1 }, passing: { atsLastModifiedAt: CREATED },
    fix: { label: 'Set to atsCreatedAt', field: 'atsLastModifiedAt', value: CREATED },
  },
  {
    rule: 'stage-not-available', category: 'stages', field: 'stage',
    failing: { stage: ' not available ' }, passing: { stage: 'Available for interview' },
  },
  { rule: 'field-unsupported', category: 'jobs', field: 'postalCode', failing: { postalCode: '78701' }, passing: {} },
  {
    rule: 'media-not-uploaded', category: 'applications', field: 'media', failing: { media: null }, passing: {},
    ctx: { now: NOW, resumes: { plannedSendAt: NOW, of: () => ({ uploaded: false }), obtainedAt: () => undefined } },
  },
  {
    rule: 'media-urn-expired', category: 'applications', field: 'media', failing: { media: 'urn:li:media:old' }, passing: {},
    ctx: {
      now: NOW,
      resumes: { plannedSendAt: NOW, of: () => undefined, obtainedAt: (urn) => (urn === 'urn:li:media:old' ? NOW - 25 * 3_600_000 : undefined) },
    },
  },
];

/** Rules that look at other records; their examples are in cross.test.ts and the engine tests. */
const CROSS_RECORD = ['duplicate-key', 'job-not-imported', 'candidate-not-imported', 'application-not-imported'];

function run(example: Example, patch: FieldValues): RecordCheck {
  return checkRecord(example.category, { ...validRecord(example.category), ...patch }, example.ctx ?? ctx);
}

function find(result: RecordCheck, example: Example): Issue | undefined {
  return result.issues.find((i) => i.rule === example.rule && i.field === example.field);
}

describe('the valid fixture records', () => {
  it.each(CATEGORIES)('%s pass every rule that can block or warn', (category) => {
    const { issues } = checkRecord(category, validRecord(category), ctx);
    expect(issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });
});

describe('every rule', () => {
  it('has an example here or is a cross-record rule tested elsewhere', () => {
    const covered = new Set([...EXAMPLES.map((e) => e.rule), ...CROSS_RECORD]);
    expect(RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('has a unique id, a title, a description and fields it applies to', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.title.length).toBeGreaterThan(5);
      expect(r.description.length).toBeGreaterThan(20);
      expect(r.appliesTo.length).toBeGreaterThan(0);
      for (const a of r.appliesTo) expect(fieldsOf(a.category).some((f) => f.name === a.field), `${r.id} ${a.field}`).toBe(true);
    }
  });

  it('lists, per category, only the rules that apply to it', () => {
    expect(rulesOf('stages').map((r) => r.id)).toContain('stage-not-available');
    expect(rulesOf('stages').map((r) => r.id)).not.toContain('title-too-long');
  });
});

describe.each(EXAMPLES)('rule $rule', (example) => {
  it(`reports ${example.field} when it is broken, with the rule's severity and a message saying what to do`, () => {
    const issue = find(run(example, example.failing), example);
    expect(issue).toBeDefined();
    expect(issue?.severity).toBe(ruleSpec(example.rule)?.severity);
    expect(issue?.message).toMatch(/\. [A-Z]|LinkedIn|Nothing to fix|can still be synced/);
    expect(issue?.message.length).toBeGreaterThan(30);
  });

  it('stays quiet when the value is right', () => {
    expect(find(run(example, example.passing), example)).toBeUndefined();
  });

  if (example.fix) {
    it('offers a machine fix that resolves the issue when applied', () => {
      const issue = find(run(example, example.failing), example);
      expect(issue?.fix).toEqual(example.fix);
      const fixed = run(example, { ...example.failing, [example.fix!.field]: example.fix!.value });
      expect(find(fixed, example)).toBeUndefined();
    });
  }
});

describe('requirements', () => {
  it.each(CATEGORIES)('report every required %s field that is missing as an error', (category) => {
    for (const spec of fieldsOf(category).filter((f) => f.requirement === 'required')) {
      const values = { ...validRecord(category), [spec.name]: null };
      const issue = checkRecord(category, values, ctx).issues.find((i) => i.rule === 'required-missing' && i.field === spec.name);
      expect(issue?.severity, `${category}.${spec.name}`).toBe('error');
    }
  });

  it('report every "if available" field that is missing as a warning, never an error', () => {
    for (const field of ['atsCandidateId', 'dispositionReason', 'media']) {
      const { issues } = checkRecord('applications', { ...validRecord('applications'), [field]: '' }, ctx);
      const mine = issues.filter((i) => i.field === field);
      expect(mine.map((i) => [i.rule, i.severity])).toEqual([['available-missing', 'warning']]);
    }
  });

  it('accept a job located by country code and postal code alone, noting both are no longer read', () => {
    const { issues } = checkRecord('jobs', { ...validRecord('jobs'), location: null, countryCode: 'US', postalCode: '78701' }, ctx);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(issues.filter((i) => i.rule === 'field-unsupported').map((i) => i.field).sort()).toEqual(['countryCode', 'postalCode', 'state']);
  });

  it('accept a candidate with a Person URN and no email address', () => {
    const { issues } = checkRecord('candidates', { ...validRecord('candidates'), emailAddresses: null, manualMatchedMember: 'urn:li:person:x_Y-1' }, ctx);
    expect(issues).toEqual([]);
  });
});

describe('date rules', () => {
  it('read an ambiguous date once its column format is chosen', () => {
    const values = { ...validRecord('stages'), atsCreatedAt: '03/04/2025' };
    const dayFirst = checkRecord('stages', values, { now: NOW, columnFormats: { atsCreatedAt: 'dd/MM/yyyy' } });
    const monthFirst = checkRecord('stages', values, { now: NOW, columnFormats: { atsCreatedAt: 'MM/dd/yyyy' } });
    expect(dayFirst.issues).toEqual([]);
    expect(dayFirst.normalized.atsCreatedAt).toBe(Date.UTC(2025, 3, 3));
    expect(monthFirst.normalized.atsCreatedAt).toBe(Date.UTC(2025, 2, 4));
  });

  it('name the only possible format of a day-first date in the message', () => {
    const { issues } = checkRecord('stages', { ...validRecord('stages'), atsCreatedAt: '25/03/2025' }, ctx);
    expect(issues.find((i) => i.rule === 'date-ambiguous')?.message).toContain('dd/MM/yyyy');
  });

  it('treat two-digit years and quarters as ambiguous', () => {
    for (const v of ['03/04/25', 'Q3', 'Q3 2025', '2025-Q3', '04-Mar-25']) {
      const { issues } = checkRecord('stages', { ...validRecord('stages'), atsCreatedAt: v }, ctx);
      expect(issues.map((i) => i.rule), v).toContain('date-ambiguous');
    }
  });

  it('warn about a date after the end of next year, but accept the last moment of next year', () => {
    const late = Date.UTC(2028, 0, 1);
    const lastOk = Date.UTC(2027, 11, 31, 23, 59, 59);
    const rule = (ms: number) =>
      checkRecord('candidates', { ...validRecord('candidates'), atsLastModifiedAt: ms }, ctx).issues.map((i) => i.rule);
    expect(rule(late)).toContain('date-out-of-range');
    expect(rule(lastOk)).not.toContain('date-out-of-range');
  });

  it('do not compare dates that could not be read', () => {
    const { issues } = checkRecord('applications', { ...validRecord('applications'), atsLastModifiedAt: 1_600_000_000 }, ctx);
    expect(issues.map((i) => i.rule)).toEqual(['date-seconds']);
  });
});

describe('rules from the API', () => {
  it('are marked as coming from the API, so the UI can say LinkedIn rejects the value', () => {
    for (const id of ['description-length', 'listed-at-future', 'modified-before-created', 'stage-not-available', 'job-id-too-long', 'duplicate-key', 'field-unsupported']) {
      expect(ruleSpec(id)?.source, id).toBe('api');
    }
  });

  it('reject descriptions over 25,000 characters', () => {
    const { issues } = checkRecord('jobs', { ...validRecord('jobs'), description: 'd'.repeat(25_001) }, ctx);
    expect(issues.find((i) => i.rule === 'description-length')?.message).toContain('over 25,000');
  });

  it('give the stage rule no fix: only the consultant knows the real stage', () => {
    const { issues } = checkRecord('stages', { ...validRecord('stages'), stage: 'Not Available' }, ctx);
    expect(issues.find((i) => i.rule === 'stage-not-available')?.fix).toBeUndefined();
  });

  it('note the unsupported job state as info, which never blocks', () => {
    const { issues } = checkRecord('jobs', validRecord('jobs'), ctx);
    expect(issues).toEqual([
      expect.objectContaining({ rule: 'field-unsupported', field: 'state', severity: 'info' }),
    ]);
  });

  it('count a listedAt a day in the past as fine and a day ahead as in the future', () => {
    const rules = (ms: number) => checkRecord('jobs', { ...validRecord('jobs'), listedAt: ms }, ctx).issues.map((i) => i.rule);
    expect(rules(NOW - DAY)).not.toContain('listed-at-future');
    expect(rules(NOW + DAY)).toContain('listed-at-future');
  });
});
