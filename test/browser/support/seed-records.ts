import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import type { Category, FieldValues } from '../../../shared/domain';
import { recordInserter } from '../../support/record-rows';

export interface SeedRecord {
  category: Category;
  key: string;
  values: FieldValues;
}

const DAY = 86_400_000;
const CREATED = Date.UTC(2025, 0, 6, 9, 0, 0);

/**
 * A small engagement, every record filled in as the seed table asks, as if imported and checked
 * compliant. `rejectedCandidate` adds one candidate LinkedIn refuses (last modified before created),
 * which only the API catches when its status says otherwise.
 */
export function engagement(options: { organizationUrn: string; candidates?: number; rejectedCandidate?: boolean }): SeedRecord[] {
  const out: SeedRecord[] = [];
  for (let j = 1; j <= 2; j++) {
    out.push({
      category: 'jobs',
      key: `J-${j}`,
      values: {
        integrationContext: options.organizationUrn,
        externalJobPostingId: `J-${j}`,
        title: j === 1 ? 'Senior Payroll Specialist' : 'Warehouse Team Lead',
        description: 'We are looking for a colleague who enjoys careful work, clear communication and a friendly team. '.repeat(2),
        location: j === 1 ? 'Austin, TX' : 'Berlin, DE',
        state: 'LISTED',
        companyApplyUrl: `https://careers.contoso.example/jobs/J-${j}`,
        listedAt: CREATED,
      },
    });
  }
  const candidates = options.candidates ?? 6;
  for (let c = 1; c <= candidates; c++) {
    out.push({
      category: 'candidates',
      key: `C-${c}`,
      values: {
        atsCandidateId: `C-${c}`,
        atsCreatedAt: CREATED + c * DAY,
        atsLastModifiedAt: CREATED + (c + 3) * DAY,
        emailAddresses: `candidate${c}@mail.example`,
        externalProfileUrl: `https://ats.contoso.example/candidates/C-${c}`,
        firstName: ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald'][c % 6],
        lastName: ['Lovelace', 'Hopper', 'Turing', 'Dijkstra', 'Liskov', 'Knuth'][c % 6],
      },
    });
    out.push({
      category: 'applications',
      key: `A-${c}`,
      values: {
        atsJobApplicationId: `A-${c}`,
        atsCandidateId: `C-${c}`,
        atsCreatedAt: CREATED + (c + 1) * DAY,
        atsLastModifiedAt: CREATED + (c + 2) * DAY,
        atsJobPostingId: `J-${(c % 2) + 1}`,
        atsJobPostingName: c % 2 ? 'Warehouse Team Lead' : 'Senior Payroll Specialist',
        candidateEmail: `candidate${c}@mail.example`,
        firstName: 'Candidate',
        lastName: `Number ${c}`,
        source: c % 3 ? 'Career site' : 'Referral',
      },
    });
    out.push({
      category: 'stages',
      key: `A-${c}/S-${c}`,
      values: { atsJobApplicationId: `A-${c}`, stageId: `S-${c}`, atsCreatedAt: CREATED + (c + 2) * DAY, stage: 'Phone Screen' },
    });
  }
  if (options.rejectedCandidate) {
    out.push({
      category: 'candidates',
      key: 'C-BAD',
      values: {
        atsCandidateId: 'C-BAD',
        atsCreatedAt: CREATED + 10 * DAY,
        atsLastModifiedAt: CREATED,
        emailAddresses: 'late@mail.example',
        externalProfileUrl: 'https://ats.contoso.example/candidates/C-BAD',
        firstName: 'Late',
        lastName: 'Modified',
      },
    });
  }
  return out;
}

/** Writes records straight into a workspace file (the web server may have it open: WAL lets both write in turn). */
export function seedRecords(workspaceFile: string, records: SeedRecord[]): void {
  const db = openWorkspaceDb(workspaceFile);
  try {
    const insert = recordInserter(db, ['category', 'key', 'original_json', 'values_json', 'source_json', 'pack_version', 'checked_at'], {
      status: 'compliant',
    });
    db.transaction(() => {
      for (const r of records) {
        const json = JSON.stringify(r.values);
        insert(r.category, r.key, json, json, json, RULE_PACK_VERSION, Date.now());
      }
    })();
  } finally {
    db.close();
  }
}
