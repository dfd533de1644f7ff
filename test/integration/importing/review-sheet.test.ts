import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Backend } from '../../../electron/core/backend';
import { tempDir } from '../../support/temp';
import { snapshot } from './support';
import { openWorkspaceDb } from '../../../electron/core/db/connection';

describe("the wizard's review of a mapping, before anything is stored", () => {
  it('gives each mapped column its fill rate and failing rules, and each required field with no column the records that fail for it', async () => {
    const dir = tempDir('rscw-review-');
    const file = join(dir, 'candidates.csv');
    const rows = ['Candidate ID,First Name,Surname,Email,Profile,Created,Updated'];
    for (let i = 0; i < 10; i++) {
      rows.push(`C-${i},${i < 8 ? 'Ann' : ''},Lee,${i % 5 === 0 ? 'not-an-email' : `ann${i}@mail.example`},https://ats.example/c/${i},2025-01-0${(i % 9) + 1},2025-02-01`);
    }
    rows.push('C-1,Ann,Lee,ann1@mail.example,https://ats.example/c/1,2025-01-02,2025-02-01');
    writeFileSync(file, rows.join('\n'));
    const workspace = join(dir, 'w.rscw');
    const backend = new Backend({ transport: 'in-process', dataDir: join(dir, 'data'), resourcesDir: dir, jobMode: 'inline', workspacePath: workspace });
    try {
      await backend.invoke('import:inspect', { path: file });
      const opened = openWorkspaceDb(workspace);
      const before = snapshot(opened);
      opened.close();
      // "Surname" left unmapped on purpose: lastName has no column.
      const review = await backend.invoke('import:review', {
        path: file,
        sheet: { sheet: 'candidates', category: 'candidates', mapping: { Surname: '' } },
      });
      expect(review).toMatchObject({ sheet: 'candidates', records: 10, skipped: 1 });
      expect(review.unmapped).toEqual([{ field: 'lastName', rule: 'required-missing', title: 'Required field is missing', severity: 'error', records: 10 }]);
      const column = (field: string) => review.columns.find((c) => c.field === field)!;
      expect(column('firstName')).toMatchObject({ header: 'First Name', filled: 8, failures: [{ rule: 'required-missing', records: 2 }] });
      expect(column('emailAddresses')).toMatchObject({ header: 'Email', filled: 10, failures: [{ rule: 'email-format', records: 2 }] });
      expect(column('atsCandidateId')).toMatchObject({ filled: 10, failures: [] });
      const db = openWorkspaceDb(workspace);
      expect(snapshot(db)).toBe(before);
      db.close();
    } finally {
      backend.close();
    }
  });
});
