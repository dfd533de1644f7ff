// Workspaces for the records and dashboard browser tests: generated ATS exports imported through
// the CLI (the real import and the real full check) into a data folder the web server then opens.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import { tempDir } from '../../support/temp';

const BASE = Date.UTC(2024, 0, 1);
const FIRST = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald'];

export const candidateKey = (i: number) => `C-${String(i).padStart(6, '0')}`;

/**
 * Candidate i has, by design:
 *   i % 7 == 2   a profile link without https:// (url-format, fixable "Add https://")
 *   i % 10 == 3  an email written "Ann Lee <address>" (email-format, no automatic fix)
 *   i % 11 == 4  no last name (required-missing)
 *   i % 13 == 5  atsCreatedAt in epoch seconds (date-seconds, fixable)
 *   i % 37 == 6  modified before created (modified-before-created, fixable)
 * and two unmapped columns (Recruiter, Source Notes).
 */
export function candidateRow(i: number): string[] {
  const created = BASE + i * 60_000;
  return [
    candidateKey(i),
    FIRST[i % FIRST.length],
    i % 11 === 4 ? '' : `Lee${i % 97}`,
    i % 10 === 3 ? `"Ann Lee <ann${i}@mail.example>"` : `ann${i}@mail.example`,
    i % 7 === 2 ? `ats.example.com/c/${i}` : `https://ats.example.com/c/${i}`,
    i % 13 === 5 ? String(Math.floor(created / 1000)) : String(created),
    String(i % 37 === 6 ? created - 86_400_000 : created + 86_400_000),
    ['Kim', 'Lou', 'Max'][i % 3],
    i % 5 ? 'Career site' : 'Referral',
  ];
}

export function countWhere(n: number, test: (i: number) => boolean): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (test(i)) k++;
  return k;
}

function writeCsv(file: string, header: string[], rows: Iterable<string[]>): string {
  const lines = [header.join(',')];
  for (const r of rows) lines.push(r.join(','));
  writeFileSync(file, lines.join('\n'));
  return file;
}

function* range<T>(n: number, make: (i: number) => T): Iterable<T> {
  for (let i = 0; i < n; i++) yield make(i);
}

export function candidatesCsv(dir: string, n: number): string {
  return writeCsv(
    join(dir, 'candidates.csv'),
    ['Candidate ID', 'First Name', 'Last Name', 'Email', 'Profile URL', 'Created At', 'Last Modified', 'Recruiter', 'Source Notes'],
    range(n, candidateRow),
  );
}

export function jobsCsv(dir: string, n: number): string {
  return writeCsv(
    join(dir, 'jobs.csv'),
    ['Job ID', 'Job Name', 'Description', 'Location', 'Status', 'Apply URL', 'Created At', 'Organization'],
    range(n, (i) => [
      `J-${i}`,
      `Engineer ${i}`,
      `"${'A role building integrations with care. '.repeat(4)}"`,
      i % 4 === 1 ? '"austin tx"' : '"Austin, TX"',
      i % 3 === 0 ? 'CLOSED' : 'LISTED',
      `https://jobs.example.com/${i}`,
      String(BASE - i * 86_400_000),
      i % 5 === 2 ? '1234' : 'urn:li:organization:1234',
    ]),
  );
}

export function applicationsCsv(dir: string, n: number, jobs: number, candidates: number): string {
  return writeCsv(
    join(dir, 'applications.csv'),
    ['Application ID', 'Candidate ID', 'Job ID', 'Job Name', 'First Name', 'Last Name', 'Email', 'Source', 'Created At', 'Last Updated'],
    range(n, (i) => [
      `A-${i}`,
      i % 6 === 0 ? `C-X${i}` : candidateKey(i % candidates),
      `J-${i % (i % 9 === 0 ? jobs * 2 : jobs)}`,
      `Engineer ${i % jobs}`,
      'Ann',
      `Lee${i % 97}`,
      `app${i}@mail.example`,
      i % 8 === 0 ? '' : 'Career site',
      String(BASE + i * 1000),
      String(BASE + i * 1000 + 5000),
    ]),
  );
}

/** Imports files into `<dataDir>/workspaces/Default.rscw`, the workspace `npm run web` opens by default. */
export async function importInto(dataDir: string, files: string[]): Promise<string> {
  const workspace = join(dataDir, 'workspaces', 'Default.rscw');
  mkdirSync(join(dataDir, 'workspaces'), { recursive: true });
  const previous = process.env.RSCW_DATA_DIR;
  // The in-process CLI keeps its settings in the data folder: never the user's own.
  process.env.RSCW_DATA_DIR = dataDir;
  try {
    for (const file of files) {
      let err = '';
      const code = await runCli(['import', file, '--db', workspace], { stdout: () => undefined, stderr: (t) => (err += t) });
      if (code !== 0) throw new Error(`import of ${file} failed: ${err}`);
    }
  } finally {
    if (previous === undefined) delete process.env.RSCW_DATA_DIR;
    else process.env.RSCW_DATA_DIR = previous;
  }
  return workspace;
}

/** A data folder whose default workspace holds `n` generated candidates. */
export async function candidatesWorkspace(n: number): Promise<{ dataDir: string; workspace: string }> {
  const dataDir = tempDir('rscw-records-');
  const workspace = await importInto(dataDir, [candidatesCsv(dataDir, n)]);
  return { dataDir, workspace };
}

/** A data folder with jobs, candidates and applications, each with a known mix of problems. */
export async function engagementWorkspace(sizes: { jobs: number; candidates: number; applications: number }) {
  const dataDir = tempDir('rscw-dashboard-');
  const workspace = await importInto(dataDir, [
    jobsCsv(dataDir, sizes.jobs),
    candidatesCsv(dataDir, sizes.candidates),
    applicationsCsv(dataDir, sizes.applications, sizes.jobs, sizes.candidates),
  ]);
  return { dataDir, workspace };
}
