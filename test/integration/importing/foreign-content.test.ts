import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { importIntoWorkspace } from '../../../electron/core/importing/import-into-workspace';
import { inspectFile } from '../../../electron/core/importing/inspect-file';
import { snapshot, testWorkspace, zipOf, type TestWorkspace } from './support';

/**
 * A PDF made as a PDF writer makes a small one: text objects, no compressed stream, so every byte
 * of its head is printable text that would otherwise read as a (one-column) CSV.
 */
function textPdf(): string {
  const objects = [
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj',
    '4 0 obj << /Length 60 >> stream\nBT /F1 12 Tf 72 720 Td (Candidates, Jobs, Applications) Tj ET\nendstream endobj',
  ];
  return `%PDF-1.4\n${objects.join('\n')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`;
}

describe('a file whose content is not what its name says', () => {
  let w: TestWorkspace;
  const file = (name: string, content: Buffer | string) => {
    const path = join(w.dir, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(() => {
    w = testWorkspace('rscw-foreign-');
  });
  afterAll(() => w.db.close());

  async function refused(path: string): Promise<{ code?: string; message?: string }> {
    const before = snapshot(w.db);
    const err = (await inspectFile(path).then(() => null, (e: unknown) => e)) as { code?: string; message?: string } | null;
    expect(err, 'the inspection should have refused the file').not.toBeNull();
    const imported = (await importIntoWorkspace(w.db, { path, category: 'candidates' }).then(() => null, (e: unknown) => e)) as { message?: string } | null;
    expect(imported?.message).toBe(err?.message);
    expect(snapshot(w.db)).toBe(before);
    expect(err?.message?.split('\n')).toHaveLength(1);
    return err!;
  }

  it('refuses a PDF named .csv at once, saying it is a PDF, instead of previewing it as a table', async () => {
    const err = await refused(file('candidates.csv', textPdf()));
    expect(err.code).toBe('UNSUPPORTED_FORMAT');
    expect(err.message).toBe(
      'candidates.csv is a PDF document, not a spreadsheet, despite its .csv name: export the data from the ATS as .xlsx or .csv and import that file',
    );
  });

  it('tells images, Word documents, archives and workspaces apart from spreadsheets', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR rest of an image')]);
    expect((await refused(file('jobs.csv', png))).message).toMatch(/^jobs\.csv is a PNG image, not a spreadsheet/);
    const docx = zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect((await refused(file('export.xlsx', docx))).message).toMatch(/^export\.xlsx is a Word document, not a spreadsheet, despite its \.xlsx name/);
    const rtf = '{\\rtf1\\ansi Candidate ID, First Name\\par C-1, Ada}';
    expect((await refused(file('people.txt', rtf))).message).toMatch(/is an RTF \(rich text\) document/);
    const db = openWorkspaceDb(join(w.dir, 'other.rscw'));
    db.close();
    expect((await refused(file('other.csv', readFileSync(join(w.dir, 'other.rscw'))))).message).toMatch(/is an SQLite database \(an RSC Workbench workspace is one: open it from Workspace\)/);
  });

  it('still reads a spreadsheet whose name lies (tab-separated text named .xls)', async () => {
    const tsv = file('report.xls', 'Candidate ID\tFirst Name\tLast Name\nC-1\tAda\tLovelace\n');
    expect((await inspectFile(tsv)).sheets[0].rows).toBe(1);
  });
});
