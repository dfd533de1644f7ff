import { describe, expect, it } from 'vitest';
import { matchColumns } from '../../../electron/core/importing/mapping/match-columns';
import { headerText, headerWords, MAX_HEADER_CHARS } from '../../../electron/core/importing/mapping/header-text';
import { isKnownHeader } from '../../../electron/core/importing/mapping/known-headers';
import type { Category } from '../../../shared/domain';

function fieldOf(category: Category, header: string, others: string[] = []): string | null {
  return matchColumns(category, [header, ...others])[0].field;
}

describe('header text', () => {
  it('ignores case, spacing, punctuation, accents and camelCase', () => {
    for (const h of ['Job ID', 'job_id', 'JobId', ' Job-Id ', 'JOB ID', 'jobID']) expect(headerText(h).squeezed).toBe('jobid');
    expect(headerText('Date créée').words).toBe('date creee');
    expect(headerText('E-mail').squeezed).toBe('email');
    expect(headerText('HTMLParser ATSJobId').words).toBe('html parser ats job id');
  });

  it('calls text longer than a header can be "not a header" before any pattern runs on it', () => {
    // A text whose every method throws: the answer must come from its length alone.
    const untouchable = new Proxy(Object.create(String.prototype) as object, {
      get: (_t, key) => {
        if (key === 'length') return MAX_HEADER_CHARS + 1;
        throw new Error(`read ${String(key)}`);
      },
    }) as unknown as string;
    expect(headerText(untouchable)).toEqual({ words: '', squeezed: '' });
    expect(isKnownHeader(untouchable)).toBe(false);
    expect(isKnownHeader(`Job ID${' '.repeat(MAX_HEADER_CHARS)}`)).toBe(false);
    expect(isKnownHeader('Job ID')).toBe(true);
  });

  it('normalises a megabyte of capitals in linear time (the pattern it replaced took minutes: this test would time out)', () => {
    const words = headerWords(`${'A'.repeat(1024 * 1024)}Bc`);
    expect(words).toBe(`${'a'.repeat(1024 * 1024)} bc`);
  });
});

describe('column matching', () => {
  it('matches exact field names with full confidence', () => {
    const [m] = matchColumns('jobs', ['externalJobPostingId']);
    expect(m).toMatchObject({ field: 'externalJobPostingId', confidence: 1, via: 'exact' });
  });

  it('matches field names written differently', () => {
    const [m] = matchColumns('jobs', ['External Job Posting ID']);
    expect(m).toMatchObject({ field: 'externalJobPostingId', via: 'normalized', confidence: 0.95 });
  });

  it.each<[Category, string, string]>([
    ['jobs', 'Job ID', 'externalJobPostingId'],
    ['jobs', 'Requisition ID', 'externalJobPostingId'],
    ['jobs', 'Job Title', 'title'],
    ['jobs', 'Posting Title', 'title'],
    ['jobs', 'Apply URL', 'companyApplyUrl'],
    ['jobs', 'Posted Date', 'listedAt'],
    ['jobs', 'Job Status', 'state'],
    ['candidates', 'Candidate ID', 'atsCandidateId'],
    ['candidates', 'Email', 'emailAddresses'],
    ['candidates', 'Email Address', 'emailAddresses'],
    ['candidates', 'Created At', 'atsCreatedAt'],
    ['candidates', 'Last Updated', 'atsLastModifiedAt'],
    ['candidates', 'Profile URL', 'externalProfileUrl'],
    ['applications', 'Application ID', 'atsJobApplicationId'],
    ['applications', 'Applied At', 'atsCreatedAt'],
    ['applications', 'Rejection Reason', 'dispositionReason'],
    ['applications', 'Source', 'source'],
    ['applications', 'Job ID', 'atsJobPostingId'],
    ['applications', 'Email', 'candidateEmail'],
    ['stages', 'Stage', 'stage'],
    ['stages', 'Application ID', 'atsJobApplicationId'],
  ])('matches the %s export header "%s" to %s', (category, header, field) => {
    const [m] = matchColumns(category, [header]);
    expect(m.field).toBe(field);
    expect(['synonym', 'normalized']).toContain(m.via);
    expect(m.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it('falls back to fuzzy matching with a lower confidence', () => {
    const [m] = matchColumns('jobs', ['Job Posting Apply URL']);
    expect(m.field).toBe('companyApplyUrl');
    expect(m.via).toBe('fuzzy');
    expect(m.confidence).toBeLessThan(0.9);
    expect(m.confidence).toBeGreaterThan(0.3);
  });

  it('leaves unrelated columns unmapped', () => {
    expect(fieldOf('jobs', 'Hiring Manager')).toBeNull();
    expect(fieldOf('candidates', 'Favourite Colour')).toBeNull();
  });

  it('gives each field to one column only, the most confident first', () => {
    const matches = matchColumns('jobs', ['Position', 'Job Title']);
    expect(matches.map((m) => m.field)).toEqual([null, 'title']);
  });

  it('does not take a US "State" column for the job state', () => {
    const values = ['CA', 'NY', 'TX'];
    const matches = matchColumns('jobs', ['City', 'State'], { distinctValues: (c) => (c === 1 ? values : ['Austin']) });
    expect(matches[1].field).toBeNull();
    const statuses = matchColumns('jobs', ['State'], { distinctValues: () => ['Open', 'Closed'] });
    expect(statuses[0].field).toBe('state');
  });

  it('keeps fixed choices from a preset or the consultant', () => {
    const matches = matchColumns('jobs', ['Job ID', 'Req ID'], {
      fixed: new Map([
        [0, { field: null, via: 'manual' as const }],
        [1, { field: 'externalJobPostingId', via: 'preset' as const }],
      ]),
    });
    expect(matches[0]).toMatchObject({ field: null, via: 'manual' });
    expect(matches[1]).toMatchObject({ field: 'externalJobPostingId', via: 'preset', confidence: 1 });
  });
});
