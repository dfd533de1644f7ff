import { showProgress } from '../job-progress';
import { resolve } from 'node:path';
import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import { CATEGORIES, isCategory, type Category } from '../../../shared/domain';
import type { ExportFilter, ExportResult } from '../../../shared/contract/export';

const USAGE =
  'export --out <file> [--kind audit|clean] [--category <c>…] [--format xlsx|csv] [--layout source|rsc] ' +
  '[--dates source|epoch-ms] [--no-bodies] [--status <s>] [--rule <id>] [--field <f>] [--search <text>] [--json]';

function one(value: unknown, name: string, allowed: readonly string[]): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value)) {
    throw new CliUsageError(`--${name} must be one of: ${allowed.join(', ')}`);
  }
  return value;
}

function list(value: unknown): string[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean);
}

function megabytes(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`;
}

function describe(kind: string, r: ExportResult): string {
  const stats = `${r.rows.toLocaleString('en-US')} rows, ${megabytes(r.bytes)}, ${(r.durationMs / 1000).toFixed(1)} s`;
  const notes = r.notesOmitted > 0 ? `\nNote: ${r.notesOmitted.toLocaleString('en-US')} flagged cells have no cell note (limit reached); the Issues column lists every issue.` : '';
  if (r.files.length > 1) {
    return [
      `Cleaned data written as ${r.files.length} CSV files, one per category, next to the chosen name (${stats}):`,
      ...r.files.map((f) => `  ${f}`),
    ].join('\n');
  }
  const what = kind === 'audit' ? 'Audit workbook' : 'Cleaned data';
  return `${what} written: ${r.path} (${r.sheets.length} ${r.files[0].endsWith('.csv') ? 'category' : 'sheets'}: ${r.sheets.join(', ')}; ${stats})${notes}`;
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Write the audit workbook, or the cleaned data as .xlsx or one .csv per category',
  usage: USAGE,
  options: {
    out: { type: 'string', short: 'o' },
    kind: { type: 'string' },
    category: { type: 'string', multiple: true },
    format: { type: 'string' },
    layout: { type: 'string' },
    dates: { type: 'string' },
    'no-bodies': { type: 'boolean' },
    'max-notes': { type: 'string' },
    status: { type: 'string', multiple: true },
    rule: { type: 'string' },
    field: { type: 'string' },
    search: { type: 'string' },
  },
  async run({ values }, io) {
    if (typeof values.out !== 'string' || values.out === '') throw new CliUsageError(`--out is required. Usage: ${USAGE}`);
    const path = resolve(values.out);
    const kind = one(values.kind, 'kind', ['audit', 'clean']) ?? 'audit';
    const categories = list(values.category);
    for (const c of categories) {
      if (!isCategory(c)) throw new CliUsageError(`unknown category "${c}": use ${CATEGORIES.join(', ')}`);
    }
    const filter = filterFrom(values, categories as Category[]);
    const backend = io.backend();
    const unsubscribe = showProgress(io, backend, 'Exporting');
    try {
      let result: ExportResult;
      if (kind === 'audit') {
        if (values.format !== undefined && values.format !== 'xlsx') throw new CliUsageError('the audit is always an .xlsx workbook');
        if (categories.length > 0 && !filter) throw new CliUsageError('the audit covers every category; --category with --kind audit needs exactly one category');
        const maxNotes = values['max-notes'] === undefined ? undefined : Number(values['max-notes']);
        if (maxNotes !== undefined && !(Number.isInteger(maxNotes) && maxNotes >= 0)) throw new CliUsageError('--max-notes must be a whole number');
        result = await backend.invoke('export:audit', {
          path,
          includeBodies: values['no-bodies'] !== true,
          ...(filter ? { filter } : {}),
          ...(maxNotes === undefined ? {} : { maxNotes }),
        });
      } else {
        const dates = one(values.dates, 'dates', ['source', 'epoch-ms', 'epochMs']);
        result = await backend.invoke('export:clean', {
          path,
          ...(categories.length > 0 ? { category: categories } : {}),
          ...(values.format === undefined ? {} : { format: one(values.format, 'format', ['xlsx', 'csv']) }),
          ...(values.layout === undefined ? {} : { layout: one(values.layout, 'layout', ['source', 'rsc']) }),
          ...(dates === undefined ? {} : { dates: dates === 'source' ? 'source' : 'epochMs' }),
          ...(filter ? { filter } : {}),
        });
      }
      io.print(result, () => describe(kind, result));
      return 0;
    } finally {
      unsubscribe();
    }
  },
};

/** --status/--rule/--field/--search make a filtered view, which is one category's. */
function filterFrom(values: Record<string, unknown>, categories: Category[]): ExportFilter | undefined {
  const status = list(values.status);
  const wantsFilter = status.length > 0 || values.rule !== undefined || values.field !== undefined || values.search !== undefined;
  if (!wantsFilter && !(categories.length === 1 && values.kind !== 'clean')) return undefined;
  if (categories.length !== 1) throw new CliUsageError('a filtered export needs exactly one --category');
  const allowed = ['unchecked', 'compliant', 'warning', 'error', 'excluded'] as const;
  for (const s of status) {
    if (!(allowed as readonly string[]).includes(s)) throw new CliUsageError(`--status must be one of: ${allowed.join(', ')}`);
  }
  return {
    category: categories[0],
    ...(status.length > 0 ? { status: status as (typeof allowed)[number][] } : {}),
    ...(typeof values.rule === 'string' ? { rule: values.rule } : {}),
    ...(typeof values.field === 'string' ? { field: values.field } : {}),
    ...(typeof values.search === 'string' ? { search: values.search } : {}),
  };
}
