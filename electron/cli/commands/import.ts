import { resolve } from 'node:path';
import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import { CATEGORIES, CATEGORY_LABELS, isCategory } from '../../../shared/domain';
import type { JobProgress } from '../../../shared/contract/jobs';
import type { AppliedValueMapping, ImportSummary, SheetPlan, SkippedRow, ValueMappings } from '../../../shared/contract/import';
import { readPresetFile } from '../../core/importing/preset-store';

const USAGE = 'import <file> [--sheet <name>]… [--category jobs|candidates|applications|stages] [--mapping <preset.json>] [--json]';

/** The exact machine output of `import --json`. */
export function importJson(summary: ImportSummary) {
  return {
    sheets: summary.sheets.map((s) => ({
      sheet: s.sheet,
      category: s.category,
      rows: s.rows,
      skipped: s.skipped,
      mapping: s.mapping,
      added: s.added,
      updated: s.updated,
      unchanged: s.unchanged,
      missing: s.missing,
      skippedRows: s.skippedRows,
      valueMappings: valueMappingsOf(s.valueMappingsApplied),
    })),
  };
}

/** field → (source value as found → value stored). */
function valueMappingsOf(applied: AppliedValueMapping[]): ValueMappings {
  const out: ValueMappings = {};
  for (const m of applied) (out[m.field] ??= {})[m.from] = m.to;
  return out;
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function shown(value: unknown): string {
  return value === null || value === undefined || value === '' ? 'empty' : JSON.stringify(value);
}

function skippedRowText(r: SkippedRow): string {
  const differs = r.differences?.map((d) => `${d.column}: kept ${shown(d.kept)}, skipped ${shown(d.skipped)}`).join('; ');
  const same = r.key !== undefined && r.reason.startsWith('Duplicate key') && !differs ? ' (the rows are identical)' : '';
  return `row ${r.row}${r.key !== undefined ? ` (${r.key})` : ''}: ${r.reason}${same}${differs ? ` — they differ in ${differs}` : ''}`;
}

function describe(summary: ImportSummary): string {
  const lines = [`Imported ${summary.file.name}${summary.file.text ? ` (${summary.file.text.encoding}, ${summary.file.text.delimiter === '\t' ? 'tab' : `"${summary.file.text.delimiter}"`}-separated)` : ''}:`];
  for (const s of summary.sheets) {
    lines.push(
      `  ${s.sheet} → ${CATEGORY_LABELS[s.category]}: ${n(s.rows)} rows, ${n(s.added)} added, ${n(s.updated)} updated, ` +
        `${n(s.unchanged)} unchanged, ${n(s.skipped)} skipped, ${n(s.missing)} missing from the file`,
    );
    for (const [reason, count] of Object.entries(s.skippedReasons)) lines.push(`      skipped ${n(count)}: ${reason}`);
    for (const r of s.skippedRows.slice(0, 20)) lines.push(`        ${skippedRowText(r)}`);
    if (s.skipped > 20) lines.push(`        … ${n(s.skipped - 20)} more skipped rows (all are in the audit's Skipped rows sheet)`);
    for (const m of s.valueMappingsApplied) lines.push(`      mapped ${m.field} ${JSON.stringify(m.from)} → ${JSON.stringify(m.to)}: ${n(m.count)} ${m.count === 1 ? 'cell' : 'cells'}`);
    if (s.keptEdits) lines.push(`      kept ${n(s.keptEdits)} of your fixes (their source values did not change)`);
    for (const c of s.conflicts.slice(0, 10)) {
      lines.push(`      conflict ${c.key} ${c.field}: your ${shown(c.edited)} replaced by the new source value ${shown(c.newSource)}`);
    }
    if (s.conflictCount > 10) lines.push(`      … ${n(s.conflictCount - 10)} more conflicts`);
    for (const i of s.issues.slice(0, 5)) lines.push(`      ${i.message}`);
    if (s.issueCount > 5) lines.push(`      … ${n(s.issueCount - 5)} more cell issues`);
  }
  for (const g of summary.ignored) lines.push(`  ${g.sheet}: not imported (${g.reason})`);
  for (const [category, c] of Object.entries(summary.compliance)) {
    if (!c) continue;
    lines.push(`  ${category}: ${n(c.compliant)} compliant, ${n(c.warning)} with warnings, ${n(c.error)} with errors${c.unchecked ? `, ${n(c.unchecked)} unchecked` : ''}`);
  }
  return lines.join('\n');
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import an ATS export (.xlsx, .csv): every sheet whose category is detected, or the chosen ones',
  usage: USAGE,
  options: {
    sheet: { type: 'string', multiple: true },
    category: { type: 'string' },
    mapping: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw new CliUsageError(`usage: ${USAGE}`);
    const category = values.category;
    if (category !== undefined && (typeof category !== 'string' || !isCategory(category))) {
      throw new CliUsageError(`--category must be one of: ${CATEGORIES.join(', ')}`);
    }
    const sheetNames = (Array.isArray(values.sheet) ? values.sheet : values.sheet === undefined ? [] : [values.sheet]).map(String);
    const preset = typeof values.mapping === 'string' ? readPresetFile(resolve(values.mapping)) : undefined;
    const sheets: SheetPlan[] | undefined = sheetNames.length
      ? sheetNames.map((sheet) => ({ sheet, ...(category ? { category } : {}) }))
      : undefined;
    const backend = io.backend();
    let last = '';
    const stop = backend.subscribe((name, payload) => {
      if (name !== 'job:progress') return;
      const p = payload as JobProgress;
      if (p.kind === 'import' && p.message && p.message !== last) {
        last = p.message;
        io.info(p.message);
      }
    });
    let summary: ImportSummary;
    try {
      summary = await backend.invoke('import:run', {
        path: resolve(positionals[0]),
        ...(sheets ? { sheets } : {}),
        ...(category ? { category } : {}),
        ...(preset ? { preset } : {}),
      });
    } finally {
      stop();
    }
    io.print(importJson(summary), () => describe(summary));
    return 0;
  },
};
