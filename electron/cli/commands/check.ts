import { showProgress } from '../job-progress';
import type { CliCommand } from '../command';
import { CATEGORIES } from '../../../shared/domain';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check every record against the RSC rule pack and report compliance',
  usage: 'check [--json]',
  async run(_args, io) {
    const backend = io.backend();
    const unsubscribe = showProgress(io, backend, 'Checking');
    try {
      const run = await backend.invoke('rules:check', {});
      const report = await backend.invoke('rules:report', {});
      io.print(report, () =>
        [
          `Checked ${run.checked.toLocaleString('en-US')} records with rule pack ${run.packVersion} (time zone ${run.timeZone}).`,
          ...CATEGORIES.map((c) => {
            const k = report.categories[c];
            return (
              `  ${c.padEnd(13)} ${String(k.total).padStart(7)} records: ${k.compliant} compliant, ${k.nonCompliant} not compliant, ` +
              `${k.warnings} with warnings, ${k.excluded} excluded`
            );
          }),
        ].join('\n'),
      );
      return 0;
    } finally {
      unsubscribe();
    }
  },
};
