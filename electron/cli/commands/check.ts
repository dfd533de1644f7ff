import type { CliCommand } from '../command';
import { CATEGORIES } from '../../../shared/domain';
import type { JobProgress } from '../../../shared/contract/jobs';

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'Check every record against the RSC rule pack and report compliance',
  usage: 'check [--json]',
  async run(_args, io) {
    const backend = io.backend();
    let lastLine = 0;
    const unsubscribe = backend.subscribe((name, payload) => {
      if (name !== 'job:progress') return;
      const p = payload as JobProgress;
      const now = Date.now();
      if (now - lastLine < 1000 || p.total === 0 || p.done >= p.total) return;
      lastLine = now;
      io.info(`${p.message || 'Checking'}: ${Math.round((100 * p.done) / p.total)}%`);
    });
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
