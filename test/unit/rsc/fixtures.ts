import type { Category, FieldValues } from '../../../shared/domain';

/** A fixed "now" so date rules do not depend on the day the tests run. */
export const NOW = Date.UTC(2026, 5, 1, 12);
export const DAY = 86_400_000;
export const CREATED = Date.UTC(2025, 0, 2, 9, 30);

const DESCRIPTION =
  'We are hiring a backend engineer to design, build and run the services behind our recruiting products, with a friendly team.';

/** One record per category that passes every rule that can fail (info notes aside). */
export function validRecord(category: Category): FieldValues {
  switch (category) {
    case 'jobs':
      return {
        integrationContext: 'urn:li:organization:1234',
        externalJobPostingId: 'JOB-1',
        title: 'Backend Engineer',
        description: DESCRIPTION,
        location: 'Austin, TX',
        state: 'LISTED',
        companyApplyUrl: 'https://careers.example.com/jobs/1',
        listedAt: CREATED,
      };
    case 'candidates':
      return {
        atsCandidateId: 'C1',
        atsCreatedAt: CREATED,
        atsLastModifiedAt: CREATED + DAY,
        emailAddresses: 'ann.lee@example.com',
        externalProfileUrl: 'https://ats.example.com/candidates/1',
        firstName: 'Ann',
        lastName: 'Lee',
      };
    case 'applications':
      return {
        atsJobApplicationId: 'A1',
        atsCandidateId: 'C1',
        atsCreatedAt: CREATED,
        atsLastModifiedAt: CREATED + DAY,
        atsJobPostingId: 'JOB-1',
        atsJobPostingName: 'Backend Engineer',
        candidateEmail: 'ann.lee@example.com',
        dispositionReason: 'Position filled',
        firstName: 'Ann',
        lastName: 'Lee',
        source: 'Referral',
        media: 'urn:li:media:D4E10AQH1',
      };
    case 'stages':
      return { atsJobApplicationId: 'A1', stageId: 'S1', atsCreatedAt: CREATED, stage: 'Phone Screen' };
  }
}
