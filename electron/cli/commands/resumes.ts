import { resolve } from 'node:path';
import type { CliCommand } from '../command';
import { CliUsageError } from '../command';
import type { ResumeMatchReport } from '../../../shared/contract/resumes';

function describe(r: ResumeMatchReport): string {
  const lines = [
    `${r.files} files in ${r.folder}: ${r.matched.length} matched (${r.attached} new or changed, ${r.unchanged} unchanged), ` +
      `${r.unmatched.length} unmatched, ${r.ambiguous.length} ambiguous, ${r.rejected.length} rejected.`,
    `${r.withoutFile.count.toLocaleString('en-US')} applications have no resume.`,
  ];
  const section = (title: string, items: string[]) => {
    if (items.length === 0) return;
    lines.push(`${title}:`, ...items.slice(0, 50).map((i) => `  ${i}`));
    if (items.length > 50) lines.push(`  … and ${items.length - 50} more (use --json for all)`);
  };
  section('Ambiguous (not attached)', r.ambiguous.map((a) => `${a.file}: ${a.reason} (${a.applications.join(', ')})`));
  section('Rejected', r.rejected.map((a) => `${a.file}: ${a.reason}`));
  section('Unmatched files', r.unmatched);
  return lines.join('\n');
}

export const resumesAttachCommand: CliCommand = {
  name: 'resumes attach',
  summary: 'Attach a folder (or .zip) of resume files to applications (by a file-name pattern or a column); the sync uploads them',
  usage: 'resumes attach <folder or .zip> [--pattern "{applicationId}*.pdf" | --column <field or source column>] [--json]',
  options: {
    pattern: { type: 'string' },
    column: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    const folder = positionals[0];
    if (!folder) throw new CliUsageError('Name the folder of resumes: resumes attach <folder>');
    if (values.pattern !== undefined && values.column !== undefined) throw new CliUsageError('Use --pattern or --column, not both.');
    const report = await io.backend().invoke('resumes:attach', {
      folder: resolve(folder),
      ...(typeof values.pattern === 'string' ? { pattern: values.pattern } : {}),
      ...(typeof values.column === 'string' ? { column: values.column } : {}),
    });
    io.print(report, () => describe(report));
    return 0;
  },
};
