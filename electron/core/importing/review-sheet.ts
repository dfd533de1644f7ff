import type { Db } from '../db/connection';
import type { ColumnReview, PresetInfo, SheetPlan, SheetReview } from '../../../shared/contract/import';
import type { Category, Severity } from '../../../shared/domain';
import { checkRecord } from '../../../shared/rsc/check';
import { ruleSpec } from '../../../shared/rsc/rules';
import { isBlank } from '../../../shared/values/text';
import { CheckContexts } from '../compliance';
import { planImport } from './import-plan';
import type { ParsedFile } from './reading/read-file';
import { RecordBuilder } from './writing/record-builder';

interface Tally {
  severity: Severity;
  records: number;
}

/**
 * A sheet's rows built and checked as the import would store them with this plan, nothing
 * written: per mapped column how many records have a value and which rules the values fail, and
 * the fields no column maps to that fail a rule for want of one. Cross-record rules (references,
 * duplicate keys across the workspace) are left to the import's own check.
 */
export function reviewSheet(db: Db, file: ParsedFile, plan: SheetPlan & { category: Category }, presets: PresetInfo[], isCancelled?: () => boolean): SheetReview {
  const [sheetPlan] = planImport(file, { sheets: [plan] }, presets).plans;
  const { table, category } = sheetPlan;
  const contexts = new CheckContexts(db);
  const columns = new Map<number, string>();
  for (const m of sheetPlan.mapping) if (m.field) columns.set(m.column, m.field);
  const builder = new RecordBuilder(category, table, columns, sheetPlan.valueMappings, contexts.timeZone);
  const context = contexts.for(category, null);
  const filled = new Map<string, number>();
  const failing = new Map<string, Map<string, Tally>>();
  const keys = new Set<string>();
  let records = 0;
  let skipped = table.totalRow ? 1 : 0;
  for (let i = table.start; i < table.end; i++) {
    if ((i & 1023) === 0 && isCancelled?.()) break;
    const built = builder.build(i);
    if (!built.ok || keys.has(built.record.key)) {
      skipped++;
      continue;
    }
    keys.add(built.record.key);
    records++;
    const values = built.record.values;
    for (const field of columns.values()) if (!isBlank(values[field])) filled.set(field, (filled.get(field) ?? 0) + 1);
    // One count per record and rule on a field, however many issues of it the record has.
    const seen = new Set<string>();
    for (const issue of checkRecord(category, values, context).issues) {
      const id = `${issue.field}\u0000${issue.rule}`;
      if (seen.has(id)) continue;
      seen.add(id);
      let rules = failing.get(issue.field);
      if (!rules) failing.set(issue.field, (rules = new Map()));
      const t = rules.get(issue.rule);
      if (t) t.records++;
      else rules.set(issue.rule, { severity: issue.severity, records: 1 });
    }
  }
  const failuresOf = (field: string) =>
    [...(failing.get(field) ?? [])]
      .map(([rule, t]) => ({ rule, title: ruleSpec(rule)?.title ?? rule, severity: t.severity, records: t.records }))
      .sort((a, b) => b.records - a.records);
  const reviewed: ColumnReview[] = sheetPlan.mapping
    .filter((m) => m.field)
    .map((m) => ({ column: m.column, header: m.header, field: m.field!, filled: filled.get(m.field!) ?? 0, failures: failuresOf(m.field!) }));
  const mapped = new Set(columns.values());
  const unmapped = [...failing.keys()]
    .filter((field) => !mapped.has(field))
    .flatMap((field) => failuresOf(field).map((f) => ({ field, ...f })))
    .sort((a, b) => b.records - a.records || a.field.localeCompare(b.field));
  return { sheet: table.sheet.name, records, skipped, columns: reviewed, unmapped };
}
