import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import { RULES, ruleSpec } from '../../../shared/rsc/rules';
import type { OperationResult } from '../../../shared/contract/records';
import { categoryArg, describeResult, showProgress } from './edit-support';

const USAGE = 'fix <rule-id> [--category <c>…] [--json]';

export const fixCommand: CliCommand = {
  name: 'fix',
  summary: "Apply a rule's automatic fix to every record where it applies (one undoable operation per category)",
  usage: USAGE,
  options: { category: { type: 'string', multiple: true } },
  async run({ positionals, values }, io) {
    if (positionals.length !== 1) throw new CliUsageError(`expected one rule id. Usage: ${USAGE}`);
    const rule = positionals[0];
    if (!ruleSpec(rule)) {
      const fixable = RULES.filter((r) => r.fixes?.length).map((r) => r.id);
      throw new CliUsageError(`unknown rule "${rule}". Rules with automatic fixes: ${fixable.join(', ')}`);
    }
    const raw = values.category === undefined ? [] : (Array.isArray(values.category) ? values.category : [values.category]);
    const categories = raw.flatMap((v) => String(v).split(',')).map((s) => s.trim()).filter(Boolean).map((c) => categoryArg(c, USAGE));
    const backend = io.backend();
    const stop = showProgress(io, backend);
    try {
      const results: OperationResult[] = [];
      for (const category of categories.length > 0 ? categories : [undefined]) {
        results.push(await backend.invoke('records:fixAll', { rule, ...(category ? { category } : {}) }));
      }
      const changedCells = results.reduce((n, r) => n + r.changedCells, 0);
      const changedRecords = results.reduce((n, r) => n + r.changedRecords, 0);
      io.print({ rule, changedCells, changedRecords, operations: results }, () =>
        results.map((r) => describeResult(r, `No record has a fixable "${rule}" issue${categories.length ? ' in that category' : ''}.`)).join('\n'),
      );
      return 0;
    } finally {
      stop();
    }
  },
};
