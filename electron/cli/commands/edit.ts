import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import { categoryArg, describeResult, recordIdOf } from './edit-support';

const USAGE = 'edit <category> <key> <field> <value> [--json]';

export const editCommand: CliCommand = {
  name: 'edit',
  summary: 'Set one field of one record (an empty value clears it), re-check it, and log the edit for undo',
  usage: USAGE,
  async run({ positionals }, io) {
    if (positionals.length !== 4) throw new CliUsageError(`expected 4 arguments. Usage: ${USAGE}`);
    const [categoryText, key, field, value] = positionals;
    const category = categoryArg(categoryText, USAGE);
    const backend = io.backend();
    const recordId = await recordIdOf(backend, category, key);
    const result = await backend.invoke('records:edit', { changes: [{ recordId, field, value }] });
    const record = await backend.invoke('records:detail', { recordId });
    const issues = record.issues.filter((i) => i.field === field);
    io.print({ ...result, record: { id: record.id, key: record.key, status: record.status, issues: record.issues } }, () =>
      [
        describeResult(result, `${category} ${key}: ${field} already has that value; nothing changed.`),
        `Record status: ${record.status}${record.excluded ? ' (excluded)' : ''}`,
        ...issues.map((i) => `  ${i.severity}: ${i.message}`),
      ].join('\n'),
    );
    return 0;
  },
};
