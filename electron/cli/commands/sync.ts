import type { CliCommand, CliIo } from '../command';
import { CliUsageError } from '../command';
import { CATEGORIES, CATEGORY_LABELS, isCategory, type Category } from '../../../shared/domain';
import type { JobProgress } from '../../../shared/contract/jobs';
import { NOT_SENT_REASONS, type ConnectionCheck, type SyncSummary } from '../../../shared/contract/sync';
import { ENDPOINT_LABELS } from '../../../shared/endpoints';

const USAGE =
  'sync [--check] [--dry-run] [--category <c>]… [--force] [--retry-failed] [--no-wait] [--client-id <id>] [--client-secret <s>] ' +
  '[--organization-urn <urn>] [--api-base-url <url>] [--oauth-base-url <url>] [--batch-size <n>] [--json]';

function categoriesOf(value: unknown): Category[] | undefined {
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
  for (const c of items) if (!isCategory(c)) throw new CliUsageError(`--category must be one of: ${CATEGORIES.join(', ')}`);
  return items as Category[];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The exact machine output of `sync --json`. */
export function syncJson(summary: SyncSummary, categories: readonly Category[]) {
  return {
    dryRun: summary.dryRun,
    requests: summary.requests,
    sent: summary.sent,
    succeeded: summary.succeeded,
    failed: summary.failed,
    skipped: summary.skipped,
    categories: Object.fromEntries(
      categories.map((c) => [
        c,
        { sent: summary.categories[c].sent, succeeded: summary.categories[c].succeeded, failed: summary.categories[c].failed },
      ]),
    ),
  };
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function describe(summary: SyncSummary, categories: readonly Category[]): string {
  const lines: string[] = [];
  if (summary.dryRun && summary.plan) {
    const plan = summary.plan;
    lines.push('Dry run: nothing was sent.');
    for (const c of categories) {
      const p = plan.categories[c];
      lines.push(
        `  ${CATEGORY_LABELS[c].padEnd(19)} ${n(p.records).padStart(7)} eligible, ${n(p.toSend)} to send, ${n(p.skipped)} unchanged, ` +
          `${n(p.requests)} requests${p.tunnelled ? ` (${n(p.tunnelled)} tunnelled)` : ''}`,
      );
    }
    const minutes = plan.estimatedDurationMs / 60_000;
    lines.push(
      `${n(plan.requests)} requests; estimated ${minutes >= 1 ? `${minutes.toFixed(1)} min` : `${Math.ceil(plan.estimatedDurationMs / 1000)} s`} ` +
        `under the rate limits (job task processing not included).`,
    );
    const uploads = plan.resumeUploads;
    if (uploads && uploads.files > 0) {
      const listed = uploads.applications.slice(0, 20).map((a) => `${a.key} (${a.fileName})`).join(', ');
      const more = uploads.applicationCount > 20 ? `, … ${n(uploads.applicationCount - 20)} more` : '';
      const files = `${n(uploads.files)} ${uploads.files === 1 ? 'file' : 'files'}`;
      const apps = `${n(uploads.applicationCount)} ${uploads.applicationCount === 1 ? 'application' : 'applications'}`;
      lines.push(`Resume uploads: ${files}, ${n(uploads.bytes)} bytes, for ${apps}: ${listed}${more}.`);
    }
    const sample = categories.map((c) => plan.categories[c].samplePayloads[0]).find((s) => s !== undefined);
    if (sample) lines.push('Sample payload:', JSON.stringify(sample, null, 2));
    for (const u of plan.unbuildable.slice(0, 20)) lines.push(`  cannot send ${u.category} ${u.key}: ${u.message}`);
  } else if (summary.status === 'failed' && summary.sent === 0 && summary.failure) {
    lines.push(`Not sent: ${NOT_SENT_REASONS[summary.failure.kind]}. No record was sent or marked failed.`);
  } else {
    const verb = summary.status === 'finished' ? 'Sync finished' : summary.status === 'cancelled' ? 'Sync cancelled' : 'Sync stopped';
    lines.push(
      `${verb}: ${n(summary.sent)} sent, ${n(summary.succeeded)} succeeded, ${n(summary.failed)} failed, ` +
        `${n(summary.skipped)} unchanged${summary.pending ? `, ${n(summary.pending)} jobs still processing` : ''} ` +
        `(${n(summary.requests)} requests${summary.retried ? `, ${n(summary.retried)} retried` : ''}).`,
    );
    for (const c of categories) {
      const k = summary.categories[c];
      const waiting = k.waiting ? `, ${n(k.waiting)} waiting for their application` : '';
      lines.push(`  ${CATEGORY_LABELS[c].padEnd(19)} ${n(k.sent)} sent, ${n(k.succeeded)} succeeded, ${n(k.failed)} failed, ${n(k.skipped)} unchanged${waiting}`);
    }
    if (summary.rejected.length > 0) {
      lines.push('Rejected by LinkedIn:');
      for (const r of summary.rejected) lines.push(`  ${r.category} ${r.key}: ${r.message}`);
      if (summary.failed > summary.rejected.length) lines.push(`  … and more (see \`log --status error\`).`);
    }
  }
  lines.push(`Requests today: ${n(summary.requestsToday)} of ${n(summary.dailyBudget)}.`);
  if (summary.failure) lines.push(`${summary.failure.message}`, `Hint: ${summary.failure.hint}`);
  return lines.join('\n');
}

/** The exact machine output of `sync --check --json`. */
export function checkJson(check: ConnectionCheck) {
  return check.ok
    ? { ok: true, tokenExpiresIn: check.tokenExpiresIn, apiBaseUrl: check.apiBaseUrl }
    : { ok: false, reason: check.reason, message: check.message, hint: check.hint };
}

function describeCheck(check: ConnectionCheck): string {
  if (check.ok) {
    return `Connected to LinkedIn at ${check.apiBaseUrl}: a token was issued (valid ${n(check.tokenExpiresIn)} s more) and an authenticated read answered. Nothing was sent.`;
  }
  return `Not connected (${check.reason}): ${check.message}\nWhat to do: ${check.hint}`;
}

export async function credentialsFrom(values: Record<string, unknown>, io: CliIo) {
  const env = process.env;
  const clientSecret = text(values['client-secret']) ?? text(env.RSC_CLIENT_SECRET);
  if (!clientSecret) return undefined;
  const clientId =
    text(values['client-id']) ?? text(env.RSC_CLIENT_ID) ?? text((await io.backend().invoke('sync:settings')).clientId);
  return clientId ? { clientId, clientSecret } : undefined;
}

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'Send compliant records to LinkedIn (only what changed), or plan it with --dry-run',
  usage: USAGE,
  options: {
    'dry-run': { type: 'boolean' },
    check: { type: 'boolean' },
    category: { type: 'string', multiple: true },
    force: { type: 'boolean' },
    'retry-failed': { type: 'boolean' },
    'no-wait': { type: 'boolean' },
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    'organization-urn': { type: 'string' },
    'api-base-url': { type: 'string' },
    'oauth-base-url': { type: 'string' },
    'batch-size': { type: 'string' },
  },
  async run({ values }, io) {
    const env = process.env;
    const categories = categoriesOf(values.category);
    const batchText = text(values['batch-size']);
    const batchSize = batchText === undefined ? undefined : Number(batchText);
    if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 100)) {
      throw new CliUsageError('--batch-size must be a whole number from 1 to 100');
    }
    const connection = {
      organizationUrn: text(values['organization-urn']) ?? text(env.RSC_ORGANIZATION_URN),
      apiBaseUrl: text(values['api-base-url']) ?? text(env.RSC_API_BASE_URL),
      oauthBaseUrl: text(values['oauth-base-url']) ?? text(env.RSC_OAUTH_BASE_URL),
    };
    const settings = Object.fromEntries(Object.entries({ ...connection, batchSize }).filter(([, v]) => v !== undefined));
    if (values.check === true) {
      const credentials = await credentialsFrom(values, io);
      const given = Object.fromEntries(Object.entries(connection).filter(([, v]) => v !== undefined));
      const check = await io.backend().invoke('sync:check', {
        ...(credentials ? { credentials } : {}),
        ...(Object.keys(given).length ? { settings: given } : {}),
      });
      io.print(checkJson(check), () => describeCheck(check));
      // The frame prints this one line on stderr and exits 1 (stdout keeps the JSON).
      if (!check.ok) throw new Error(`${check.message} Hint: ${check.hint}`);
      return 0;
    }
    const dryRun = values['dry-run'] === true;
    const input = {
      ...(categories ? { categories } : {}),
      force: values.force === true,
      retryFailed: values['retry-failed'] === true,
      waitForTasks: values['no-wait'] !== true,
      ...(Object.keys(settings).length ? { settings } : {}),
    };
    const backend = io.backend();
    for (const u of (await backend.invoke('sync:settings')).ignoredWorkspaceUrls) {
      io.warn(`notice: this workspace names ${ENDPOINT_LABELS[u.setting]} ${u.url} (saved by an earlier version); it is ignored, the client secret goes only to the addresses set on this computer.`);
    }
    const stop = backend.subscribe((name, payload) => {
      if (name === 'job:progress') {
        const p = payload as JobProgress;
        if (p.kind === 'sync' && p.message) io.info(p.message);
      }
    });
    let summary: SyncSummary;
    try {
      if (dryRun) summary = await backend.invoke('sync:plan', input);
      else {
        const credentials = await credentialsFrom(values, io);
        summary = await backend.invoke('sync:start', { ...input, ...(credentials ? { credentials } : {}) });
      }
    } finally {
      stop();
    }
    const shown = categories ? CATEGORIES.filter((c) => categories.includes(c)) : [...CATEGORIES];
    io.print(syncJson(summary, shown), () => describe(summary, shown));
    // The JSON shape is a contract without a list of rejections; scripts still get them, on stderr.
    if (io.global.json) for (const r of summary.rejected) io.warn(`rejected: ${r.category} ${r.key}: ${r.message}`);
    if (summary.status !== 'finished') {
      const reason = summary.failure ? `${summary.failure.message} Hint: ${summary.failure.hint}` : 'The sync was cancelled.';
      // The frame prints this on stderr and exits 1, also under --json (stdout keeps the JSON).
      throw new Error(reason);
    }
    return summary.failed > 0 ? 3 : 0;
  },
};
