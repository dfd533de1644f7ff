import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import { CATEGORIES, isCategory } from '../../../shared/domain';
import { exchangeStatusFilter, type ExchangeStatusFilter, type ExchangeSummary } from '../../../shared/contract/sync';

function list(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
}

function statusFilters(value: unknown): ExchangeStatusFilter[] {
  return list(value).map((s) => {
    const parsed = exchangeStatusFilter.safeParse(/^\d+$/.test(s) ? Number(s) : s.toLowerCase());
    if (!parsed.success) throw new CliUsageError(`--status takes an HTTP status (429), a class (2xx…5xx), ok or error; not "${s}"`);
    return parsed.data;
  });
}

function line(e: ExchangeSummary): string {
  const when = new Date(e.at).toISOString().replace('T', ' ').slice(0, 19);
  const status = e.status === null ? '---' : String(e.status);
  const url = e.url.replace(/^https?:\/\/[^/]+/, '');
  const keys = e.recordKeys.length ? ` [${e.recordKeys.length} record${e.recordKeys.length === 1 ? '' : 's'}]` : '';
  const error = e.error ? `  ${e.error}` : '';
  return `#${String(e.id).padEnd(6)} ${when}  ${e.method.padEnd(4)} ${status}  ${String(e.durationMs ?? '').padStart(5)} ms  try ${e.attempt}  ${(e.category ?? e.kind ?? '').padEnd(12)} ${url.length > 90 ? `${url.slice(0, 87)}…` : url}${keys}${error}`;
}

export const logCommand: CliCommand = {
  name: 'log',
  summary: 'List the HTTP exchanges of past syncs (newest first), secrets redacted',
  usage: 'log [--status <429|4xx|ok|error>]… [--category <c>] [--record <key>] [--run <id>] [--search <text>] [--limit <n>] [--json]',
  options: {
    status: { type: 'string', multiple: true },
    category: { type: 'string' },
    record: { type: 'string' },
    run: { type: 'string' },
    search: { type: 'string' },
    limit: { type: 'string' },
  },
  async run({ values }, io) {
    const category = values.category;
    if (category !== undefined && !isCategory(category)) throw new CliUsageError(`--category must be one of: ${CATEGORIES.join(', ')}`);
    const limit = values.limit === undefined ? 100 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliUsageError('--limit must be a whole number from 1 to 1000');
    const runId = values.run === undefined ? undefined : Number(values.run);
    if (runId !== undefined && !(Number.isInteger(runId) && runId > 0)) throw new CliUsageError('--run must be a sync run id');
    const status = statusFilters(values.status);
    const page = await io.backend().invoke('sync:log', {
      ...(status.length ? { status } : {}),
      ...(category ? { category } : {}),
      ...(typeof values.record === 'string' ? { recordKey: values.record } : {}),
      ...(runId ? { runId } : {}),
      ...(typeof values.search === 'string' && values.search ? { search: values.search } : {}),
      limit,
    });
    io.print(page, () =>
      page.rows.length === 0
        ? 'No exchanges match.'
        : [...page.rows.map(line), page.total > page.rows.length ? `(${page.rows.length} of ${page.total} shown; use --limit)` : ''].filter(Boolean).join('\n'),
    );
    return 0;
  },
};
