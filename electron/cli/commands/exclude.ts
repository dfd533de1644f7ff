import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import { categoryArg, describeResult, recordIdOf } from './edit-support';

const USAGE = 'exclude <category> <key> --reason "…" [--json]';

export const excludeCommand: CliCommand = {
  name: 'exclude',
  summary: 'Keep a record out of the sync, with the reason the audit will show (undo with "undo")',
  usage: USAGE,
  options: { reason: { type: 'string' } },
  async run({ positionals, values }, io) {
    if (positionals.length !== 2) throw new CliUsageError(`expected a category and a key. Usage: ${USAGE}`);
    const reason = typeof values.reason === 'string' ? values.reason.trim() : '';
    if (reason === '') throw new CliUsageError(`--reason is required: say why, for the LinkedIn contact. Usage: ${USAGE}`);
    const category = categoryArg(positionals[0], USAGE);
    const key = positionals[1];
    const backend = io.backend();
    const recordId = await recordIdOf(backend, category, key);
    const result = await backend.invoke('records:exclude', { filter: { category, recordIds: [recordId] }, reason });
    io.print(result, () => describeResult(result, `${category} ${key} is already excluded for that reason.`));
    return 0;
  },
};
