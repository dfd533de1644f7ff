// Generated workspaces for the records and editing tests and the records benchmark: realistic
// candidates, jobs and applications with a known mix of problems, then a real full check.
import type { Db } from '../../../../electron/core/db/connection';
import { checkAll } from '../../../../electron/core/compliance';
import type { FieldValues } from '../../../../shared/domain';
import { recordInserter } from '../../../support/record-rows';

export interface FixtureSize {
  candidates: number;
  jobs?: number;
  applications?: number;
}

const FIRST = ['Anna', 'Ben', 'Carla', 'Dmitri', 'Eve', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jon'];
const LAST = ['Smith', 'Jones', 'Rossi', 'Novak', 'Dubois', 'Kowalski', 'Silva', 'Tanaka'];
export const SOURCES = ['Referral', 'LinkedIn', 'Career Fair', 'Agency', 'Website'];
const BASE = Date.UTC(2024, 0, 1);

export const CANDIDATE_HEADERS = [
  'Candidate ID', 'Created', 'Modified', 'Email', 'Profile', 'First name', 'Last name', 'Recruiter', 'Notes',
];
const CANDIDATE_MAPPING: Record<string, string> = {
  'Candidate ID': 'atsCandidateId', Created: 'atsCreatedAt', Modified: 'atsLastModifiedAt', Email: 'emailAddresses',
  Profile: 'externalProfileUrl', 'First name': 'firstName', 'Last name': 'lastName',
};

/**
 * Candidate i has, by design:
 *   i % 5 == 0   atsCreatedAt in seconds (date-seconds, fixable), and
 *                atsLastModifiedAt then reads before it? no: both in seconds, so two fixable issues
 *   i % 7 == 0   email "Name <address>" (email-format, fixable)
 *   i % 11 == 0  no email at all (email-or-person-required, no fix)
 *   i % 13 == 0  profile URL without https:// (url-format, fixable)
 *   i % 17 == 0  no last name (required-missing)
 *   i % 3 == 0   first name with stray spaces and upper-case email
 */
export function candidateValues(i: number): FieldValues {
  const first = FIRST[i % FIRST.length];
  const last = LAST[i % LAST.length];
  const seconds = i % 5 === 0;
  const created = BASE + i * 60_000;
  let email: string | null = `${first}.${last}${i}@example.com`.toLowerCase();
  if (i % 3 === 0) email = email.toUpperCase();
  if (i % 7 === 0) email = `${first} ${last} <${first.toLowerCase()}${i}@example.com>`;
  if (i % 11 === 0) email = null;
  return {
    atsCandidateId: `C${i}`,
    atsCreatedAt: seconds ? Math.floor(created / 1000) : created,
    atsLastModifiedAt: seconds ? Math.floor(created / 1000) + 60 : created + 60_000,
    emailAddresses: email,
    externalProfileUrl: i % 13 === 0 ? `ats.example.com/candidates/${i}` : `https://ats.example.com/candidates/${i}`,
    firstName: i % 3 === 0 ? `  ${first} ` : first,
    lastName: i % 17 === 0 ? null : last,
    manualMatchedMember: null,
  };
}

function jobValues(i: number): FieldValues {
  return {
    integrationContext: i % 4 === 0 ? '1234' : 'urn:li:organization:1234',
    externalJobPostingId: `J${i}`,
    title: `Engineer ${i}`,
    description: `A job description long enough to pass the minimum length rule for job ${i}. `.repeat(3),
    location: i % 3 === 0 ? 'austin tx' : 'Austin, TX',
    countryCode: null,
    postalCode: null,
    state: i % 2 === 0 ? 'LISTED' : 'CLOSED',
    companyApplyUrl: `https://ats.example.com/jobs/${i}`,
    listedAt: BASE - 86_400_000 * (i % 300),
  };
}

function applicationValues(i: number, jobs: number, candidates: number): FieldValues {
  return {
    atsJobApplicationId: `A${i}`,
    atsCandidateId: `C${i % Math.max(1, candidates)}`,
    atsCreatedAt: BASE + i * 1000,
    atsLastModifiedAt: BASE + i * 1000 + 5000,
    atsJobPostingId: `J${i % Math.max(1, jobs)}`,
    atsJobPostingName: `Engineer ${i % Math.max(1, jobs)}`,
    candidateEmail: `applicant${i}@example.com`,
    dispositionReason: i % 2 === 0 ? 'Hired elsewhere' : null,
    firstName: FIRST[i % FIRST.length],
    lastName: LAST[i % LAST.length],
    source: SOURCES[i % SOURCES.length],
    media: null,
  };
}

export interface SeededWorkspace {
  candidateSheetId: number;
}

/** Inserts the generated records in one transaction, then runs the real full check. */
export function seedWorkspace(db: Db, size: FixtureSize, options: { check?: boolean } = {}): SeededWorkspace {
  const insertRecord = recordInserter(db, ['category', 'key', 'sheet_id', 'source_row', 'original_json', 'values_json', 'source_json']);
  let candidateSheetId = 0;
  db.transaction(() => {
    const file = db
      .prepare("INSERT INTO source_files (path, name, sha256, size, imported_at) VALUES ('/x/candidates.xlsx', 'candidates.xlsx', 'x', 1, ?)")
      .run(Date.now());
    const sheet = db
      .prepare(
        `INSERT INTO source_sheets (file_id, name, category, header_row, headers_json, mapping_json, row_count)
         VALUES (?, 'Candidates', 'candidates', 1, ?, ?, ?)`,
      )
      .run(file.lastInsertRowid, JSON.stringify(CANDIDATE_HEADERS), JSON.stringify(CANDIDATE_MAPPING), size.candidates);
    candidateSheetId = Number(sheet.lastInsertRowid);
    for (let i = 0; i < size.candidates; i++) {
      const v = candidateValues(i);
      const json = JSON.stringify(v);
      const source: FieldValues = {};
      for (const [header, field] of Object.entries(CANDIDATE_MAPPING)) source[header] = v[field] ?? null;
      source.Recruiter = `Recruiter ${i % 20}`;
      source.Notes = i % 4 === 0 ? `Surname: ${LAST[(i + 1) % LAST.length]}` : null;
      insertRecord('candidates', `C${i}`, candidateSheetId, i + 2, json, json, JSON.stringify(source));
    }
    for (let i = 0; i < (size.jobs ?? 0); i++) {
      const json = JSON.stringify(jobValues(i));
      insertRecord('jobs', `J${i}`, null, null, json, json, '{}');
    }
    for (let i = 0; i < (size.applications ?? 0); i++) {
      const json = JSON.stringify(applicationValues(i, size.jobs ?? 0, size.candidates));
      insertRecord('applications', `A${i}`, null, null, json, json, '{}');
    }
  })();
  if (options.check !== false) checkAll(db, { now: Date.UTC(2025, 5, 1) });
  return { candidateSheetId };
}
