import { describe, expect, it } from 'vitest';
import { checkRecord, checkRecordInPlace } from '../../../shared/rsc/check';
import { CREATED, NOW, validRecord } from './fixtures';

const ctx = { now: NOW };

describe('normalization while checking', () => {
  it('keeps the original values untouched and returns normalized ones beside them', () => {
    const values = { ...validRecord('candidates'), atsCandidateId: ' 10090.0 ', firstName: ' Ann ' };
    const before = structuredClone(values);
    const { normalized } = checkRecord('candidates', values, ctx);
    expect(values).toEqual(before);
    expect(normalized.atsCandidateId).toBe('10090');
    expect(normalized.firstName).toBe('Ann');
  });

  it('says on the record what it changed and why', () => {
    const { notes } = checkRecord(
      'candidates',
      { ...validRecord('candidates'), atsCandidateId: '1.009E+4', lastName: 'Lee  ', atsCreatedAt: '2025-01-02T09:30:00' },
      ctx,
    );
    expect(notes).toEqual([
      { field: 'atsCandidateId', original: '1.009E+4', normalized: '10090', note: 'Read "1.009E+4" as the id 10090' },
      { field: 'atsCreatedAt', original: '2025-01-02T09:30:00', normalized: CREATED, note: expect.stringContaining('UTC time') },
      { field: 'lastName', original: 'Lee  ', normalized: 'Lee', note: 'Removed surrounding spaces' },
    ]);
  });

  it('leaves a clean record without notes', () => {
    expect(checkRecord('applications', validRecord('applications'), ctx).notes).toEqual([]);
  });

  it('splits email lists on semicolons, commas and spaces into the stored ";" form', () => {
    const { normalized, notes, issues } = checkRecord(
      'candidates', { ...validRecord('candidates'), emailAddresses: 'a@x.com, b@y.org;c@z.net  d@w.io' }, ctx,
    );
    expect(normalized.emailAddresses).toBe('a@x.com;b@y.org;c@z.net;d@w.io');
    expect(notes[0].note).toBe('Split into 4 addresses');
    expect(issues).toEqual([]);
  });

  it('reads an email list of separators only as blank, the same on a second check', () => {
    const first = checkRecord('candidates', { ...validRecord('candidates'), emailAddresses: ' ; , ' }, ctx);
    expect(first.normalized.emailAddresses).toBeNull();
    expect(first.issues).toEqual(checkRecord('candidates', { ...validRecord('candidates'), emailAddresses: null }, ctx).issues);
    expect(first.issues.map((i) => i.rule)).toEqual(['email-or-person-required']);
    expect(checkRecord('candidates', first.normalized, ctx).normalized).toEqual(first.normalized);
  });

  it('reads a number that is not finite as blank, and a stage id as derived, as the key does', () => {
    const { normalized } = checkRecord('stages', { ...validRecord('stages'), stageId: Number.NEGATIVE_INFINITY }, ctx);
    expect(normalized.stageId).toMatch(/^stg-[0-9a-f]{8}$/);
    expect(normalized.stageId).toBe(checkRecord('stages', { ...validRecord('stages'), stageId: null }, ctx).normalized.stageId);
  });

  it('upper-cases a job state and a country code when that is their only reading', () => {
    const { normalized, issues } = checkRecord('jobs', { ...validRecord('jobs'), state: 'closed', countryCode: 'gb', postalCode: 'N1' }, ctx);
    expect(normalized.state).toBe('CLOSED');
    expect(normalized.countryCode).toBe('GB');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('reads dates in the workspace time zone when they carry none', () => {
    const { normalized } = checkRecord(
      'stages', { ...validRecord('stages'), atsCreatedAt: '2025-07-01 10:00' }, { now: NOW, timeZone: 'America/New_York' },
    );
    expect(normalized.atsCreatedAt).toBe(Date.UTC(2025, 6, 1, 14));
  });

  it('keeps an unreadable value as it was in the normalized values', () => {
    const { normalized } = checkRecord('stages', { ...validRecord('stages'), atsCreatedAt: '03/04/2025' }, ctx);
    expect(normalized.atsCreatedAt).toBe('03/04/2025');
  });

  it('does not invent fields the record lacks', () => {
    const { normalized } = checkRecord('jobs', validRecord('jobs'), ctx);
    expect(Object.keys(normalized).sort()).toEqual(Object.keys(validRecord('jobs')).sort());
  });

  it('keeps unmapped columns as they are', () => {
    const { normalized } = checkRecord('jobs', { ...validRecord('jobs'), 'Hiring Manager': ' Bob ' }, ctx);
    expect(normalized['Hiring Manager']).toBe(' Bob ');
  });

  it('derives a stage id when the export has none, and says so', () => {
    const { normalized, notes } = checkRecord('stages', { ...validRecord('stages'), stageId: null }, ctx);
    expect(normalized.stageId).toMatch(/^stg-[0-9a-f]{8}$/);
    expect(notes.map((n) => n.field)).toEqual(['stageId']);
  });

  it('gives the same result in place as on a copy', () => {
    const values = { ...validRecord('applications'), atsCandidateId: '12.0', candidateEmail: 'x' };
    const copy = checkRecord('applications', values, ctx);
    const inPlace = checkRecordInPlace('applications', structuredClone(values), ctx);
    expect(inPlace).toEqual(copy);
  });
});

describe('issues', () => {
  it('come in field order, then record rules', () => {
    const { issues } = checkRecord(
      'candidates',
      { ...validRecord('candidates'), atsCreatedAt: CREATED + 10, atsLastModifiedAt: CREATED, firstName: '' },
      ctx,
    );
    expect(issues.map((i) => `${i.field}:${i.rule}`)).toEqual(['firstName:required-missing', 'atsLastModifiedAt:modified-before-created']);
  });

  it('quote the offending value, shortened when long, so they read well in an export', () => {
    const long = `${'x'.repeat(80)}@`;
    const { issues } = checkRecord('applications', { ...validRecord('applications'), candidateEmail: long }, ctx);
    const message = issues.find((i) => i.rule === 'email-format')?.message ?? '';
    expect(message).toContain('…"');
    expect(message.length).toBeLessThan(200);
  });
});
