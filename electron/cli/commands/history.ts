import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import { describeEntry } from './edit-support';

const USAGE = 'history [--limit N] [--json]';

export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'List the edit history, newest first (what, how many records, when, undone or not)',
  usage: USAGE,
  options: { limit: { type: 'string' } },
  async run({ values }, io) {
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliUsageError('--limit must be a whole number from 1 to 1000');
    const page = await io.backend().invoke('records:history', { limit });
    io.print(page, () => {
      if (page.total === 0) return 'No edits yet.';
      const lines = page.entries.map(describeEntry);
      if (page.total > page.entries.length) lines.push(`… ${page.total - page.entries.length} older (use --limit)`);
      lines.push(`Undo: ${page.undo ? `#${page.undo.id} ${page.undo.description}` : 'nothing'}`);
      lines.push(`Redo: ${page.redo ? `#${page.redo.id} ${page.redo.description}` : 'nothing'}`);
      return lines.join('\n');
    });
    return 0;
  },
};
