import type { CliCommand } from '../command';
import { CATEGORIES } from '../../../shared/domain';

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'Show the workspace file and its record counts per category',
  usage: 'info [--json]',
  async run(_args, io) {
    const backend = io.backend();
    const workspace = await backend.invoke('workspace:current');
    const counts = await backend.invoke('workspace:counts');
    io.print({ workspace, counts }, () =>
      [
        `Workspace: ${workspace?.path ?? '(none)'}`,
        ...CATEGORIES.map(
          (c) =>
            `  ${c.padEnd(13)} ${String(counts[c].total).padStart(7)} records, ${counts[c].compliant} compliant, ` +
            `${counts[c].warning} with warnings, ${counts[c].error} with errors, ${counts[c].excluded} excluded`,
        ),
      ].join('\n'),
    );
    return 0;
  },
};
