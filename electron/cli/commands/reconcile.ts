import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import type { JobProgress } from '../../../shared/contract/jobs';
import type { ReconcileSummary } from '../../../shared/contract/reconcile';
import { LINKEDIN_OPTIONS, LINKEDIN_USAGE, linkedinOverrides } from './linkedin-options';

/** The exact machine output of `reconcile --json`. */
export function reconcileJson(summary: ReconcileSummary) {
  return { candidates: summary.candidates, records: summary.records };
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`;
}

function describe(s: ReconcileSummary): string {
  const c = s.candidates;
  const lines = [
    `${c.checked} of ${c.synced} synced candidates read back from LinkedIn (${s.requests} request${s.requests === 1 ? '' : 's'}): ` +
      `${c.matched} matched (${percent(c.matched, c.checked)}), ${c.unmatched} unmatched, ${c.notFound} not found.`,
  ];
  const unmatched = s.records.filter((r) => r.status !== 'matched');
  for (const r of unmatched.slice(0, 50)) lines.push(`  ${r.status === 'notFound' ? 'not found' : 'unmatched'}  ${r.key}`);
  if (unmatched.length > 50) lines.push(`  … and ${unmatched.length - 50} more (use --json for all)`);
  if (s.drifted > 0) lines.push(`${s.drifted} candidates are held at LinkedIn with other values than sent (see the Reconcile page).`);
  if (s.unrecognized > 0) lines.push(`${s.unrecognized} answers carried matchedMembers in a shape not understood (kept as unmatched).`);
  for (const e of s.errors.slice(0, 20)) lines.push(`  error  ${e.key}: ${e.message}`);
  if (s.failure) lines.push(s.failure.message, `Hint: ${s.failure.hint}`);
  return lines.join('\n');
}

export const reconcileCommand: CliCommand = {
  name: 'reconcile',
  summary: "Read synced candidates back from LinkedIn: LinkedIn's member matches, and what it holds otherwise than sent",
  usage: `reconcile [--category candidates] [--import <file id>] ${LINKEDIN_USAGE} [--json]`,
  options: { category: { type: 'string' }, import: { type: 'string' }, ...LINKEDIN_OPTIONS },
  async run({ values }, io) {
    if (values.category !== undefined && values.category !== 'candidates') {
      throw new CliUsageError('--category: only candidates are matched to LinkedIn members');
    }
    const fileText = typeof values.import === 'string' ? values.import : undefined;
    const fileId = fileText === undefined ? undefined : Number(fileText);
    if (fileId !== undefined && !(Number.isInteger(fileId) && fileId > 0)) throw new CliUsageError('--import takes an import (source file) id');
    const backend = io.backend();
    const stop = backend.subscribe((name, payload) => {
      if (name === 'job:progress') {
        const p = payload as JobProgress;
        if (p.kind === 'reconcile' && p.message) io.info(p.message);
      }
    });
    let summary: ReconcileSummary;
    try {
      summary = await backend.invoke('reconcile:start', { ...(fileId ? { fileId } : {}), ...(await linkedinOverrides(values, io)) });
    } finally {
      stop();
    }
    io.print(reconcileJson(summary), () => describe(summary));
    if (io.global.json && summary.unrecognized > 0) io.warn(`unrecognized: ${summary.unrecognized} answers carried matchedMembers in a shape not understood`);
    if (summary.status !== 'finished') {
      throw new Error(summary.failure ? `${summary.failure.message} Hint: ${summary.failure.hint}` : 'The reconcile was cancelled.');
    }
    return 0;
  },
};
