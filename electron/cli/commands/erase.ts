import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import type { JobProgress } from '../../../shared/contract/jobs';
import { ERASE_CATEGORIES, type EraseCategory, type EraseSummary } from '../../../shared/contract/reconcile';
import { LINKEDIN_OPTIONS, LINKEDIN_USAGE, linkedinOverrides } from './linkedin-options';

/** The exact machine output of `erase --json`. */
export function eraseJson(s: EraseSummary) {
  return {
    dryRun: s.dryRun,
    requests: s.requests,
    deleted: s.deleted,
    failed: s.failed,
    records: s.records.map((r) => ({ category: r.category, key: r.key, status: r.status, ...(r.message ? { message: r.message } : {}) })),
  };
}

function isEraseCategory(value: string): value is EraseCategory {
  return (ERASE_CATEGORIES as readonly string[]).includes(value);
}

function categoriesOf(value: unknown): EraseCategory[] | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
  for (const c of items) if (!isEraseCategory(c)) throw new CliUsageError(`--category must be one of: ${ERASE_CATEGORIES.join(', ')}`);
  return items as EraseCategory[];
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function describe(s: EraseSummary): string {
  const lines: string[] = [];
  if (s.dryRun) lines.push(`Dry run: ${plural(s.records.length, 'record')} would be deleted at LinkedIn in ${plural(s.requests, 'request')}. Nothing was sent.`);
  else {
    lines.push(
      `${s.deleted} deleted at LinkedIn, ${s.failed} refused${s.notFound ? `, ${s.notFound} LinkedIn did not hold` : ''} (${plural(s.requests, 'request')}). ` +
        'Deleted records stay in the workspace, marked "erased at LinkedIn".',
    );
  }
  for (const r of s.records.slice(0, 100)) {
    lines.push(`  ${r.status.padEnd(8)} ${r.category.padEnd(12)} ${r.key}${r.reason === 'missing' ? '  (missing from the latest import)' : ''}${r.message ? `: ${r.message}` : ''}`);
  }
  if (s.records.length > 100) lines.push(`  … and ${s.records.length - 100} more (use --json for all)`);
  if (s.failure) lines.push(s.failure.message, `Hint: ${s.failure.hint}`);
  return lines.join('\n');
}

export const eraseCommand: CliCommand = {
  name: 'erase',
  summary: 'Delete at LinkedIn what the ATS no longer holds (--missing) or the records named; needs --yes (or --dry-run)',
  usage: `erase --missing [--category <c>]… [--dry-run] [--yes] [--json] | erase <category> <key>… [--dry-run] [--yes] [--json] ${LINKEDIN_USAGE}`,
  options: { missing: { type: 'boolean' }, category: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean' }, ...LINKEDIN_OPTIONS },
  async run({ positionals, values }, io) {
    const missing = values.missing === true;
    const categories = categoriesOf(values.category);
    let records: { category: EraseCategory; key: string }[] | undefined;
    if (positionals.length > 0) {
      if (missing) throw new CliUsageError('Use --missing or name records, not both.');
      const [category, ...keys] = positionals;
      if (category === 'jobs') throw new CliUsageError('Jobs are closed at LinkedIn (sync them as CLOSED), not deleted.');
      if (!isEraseCategory(category)) throw new CliUsageError(`The category must be one of: ${ERASE_CATEGORIES.join(', ')}`);
      if (keys.length === 0) throw new CliUsageError(`Name the ${category} to erase: erase ${category} <key>…`);
      if (categories) throw new CliUsageError('--category goes with --missing; name the category before the keys instead.');
      records = keys.map((key) => ({ category, key }));
    } else if (!missing) throw new CliUsageError('Say what to erase: erase --missing, or erase <category> <key>…');
    const selection = { ...(missing ? { missing: true } : {}), ...(categories ? { categories } : {}), ...(records ? { records } : {}) };

    const dryRun = values['dry-run'] === true;
    const backend = io.backend();
    if (dryRun || values.yes !== true) {
      const { settings } = await linkedinOverrides(values, io);
      const plan = await backend.invoke('erase:plan', { ...selection, ...(settings ? { settings } : {}) });
      io.print(eraseJson(plan), () => describe(plan));
      if (plan.status !== 'finished') throw new Error(plan.failure?.message ?? 'The erase could not be planned.');
      if (dryRun) return 0;
      io.warn(`Not erased: this deletes ${plural(plan.records.length, 'record')} at LinkedIn and cannot be undone. Run again with --yes to do it.`);
      return 1;
    }
    const stop = backend.subscribe((name, payload) => {
      if (name === 'job:progress') {
        const p = payload as JobProgress;
        if (p.kind === 'erase' && p.message) io.info(p.message);
      }
    });
    let summary: EraseSummary;
    try {
      summary = await backend.invoke('erase:start', { ...selection, ...(await linkedinOverrides(values, io)), confirm: true });
    } finally {
      stop();
    }
    io.print(eraseJson(summary), () => describe(summary));
    if (io.global.json) for (const r of summary.records) if (r.status === 'failed') io.warn(`refused: ${r.category} ${r.key}: ${r.message ?? ''}`);
    if (summary.status !== 'finished') {
      throw new Error(summary.failure ? `${summary.failure.message} Hint: ${summary.failure.hint}` : 'The erase was cancelled.');
    }
    return summary.failed > 0 ? 3 : 0;
  },
};
