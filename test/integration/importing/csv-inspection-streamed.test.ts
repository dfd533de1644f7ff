import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspectFile } from '../../../electron/core/importing/inspect-file';
import { inspectTextFile } from '../../../electron/core/importing/inspect-text-file';
import { forgetInspected } from '../../../electron/core/importing/reading/parsed-file-cache';
import { DISTINCT_VALUES_PER_COLUMN } from '../../../electron/core/importing/limits';
import { tempDir } from '../../support/temp';

// A text file too large to keep for the import is inspected in one pass (inspect-text-file.ts):
// it must describe the file exactly as the inspection of the whole read does.

function write(path: string, lines: string[], encoding: BufferEncoding = 'utf8'): string {
  writeFileSync(path, Buffer.from(lines.join('\r\n') + '\r\n', encoding));
  return path;
}

async function sameBothWays(path: string, options: { delimiter?: ',' | ';' } = {}) {
  const streamed = await inspectTextFile(path, options);
  const whole = await inspectFile(path, options);
  forgetInspected();
  expect(streamed).toEqual(whole);
  return streamed;
}

describe('the wizard inspection of a text file in one pass', () => {
  it('says what the whole read says: title rows, header, widths, a total row, distinct values and their counts', async () => {
    const dir = tempDir('rscw-inspect-streamed-');
    const lines = ['Candidates export', '', 'Candidate ID,First Name,Last Name,Email,Source'];
    for (let i = 1; i <= 3_000; i++) {
      // Many distinct values in the id and email columns (past the bound), few in the others; a wider row now and then.
      const extra = i % 500 === 0 ? ',surplus' : '';
      lines.push(`C${i},${['Anna', 'Jonas', 'Mia'][i % 3]},Name ${i % 70},anna.${i}@example.com,${i % 4 ? 'LinkedIn' : 'Referral'}${extra}`);
    }
    lines.push('Total,3000');
    const s = await sameBothWays(write(join(dir, 'candidates.csv'), lines));
    const sheet = s.sheets[0];
    expect(sheet).toMatchObject({ rows: 3_000, headerRow: 3, category: 'candidates' });
    expect(sheet.headers).toHaveLength(6);
    expect(sheet.distinctValues[0]).toHaveLength(DISTINCT_VALUES_PER_COLUMN);
    expect(sheet.distinctValues[4]).toEqual([{ value: 'LinkedIn', count: 2_250 }, { value: 'Referral', count: 750 }]);
  });

  it('says what the whole read says of a file read again, a short file, a header alone, and a NUL', async () => {
    const dir = tempDir('rscw-inspect-streamed-');
    const rows = (n: number, at: (i: number) => string = (i) => `J-${i},Engineer ${i},Open`) => ['Job ID,Job Title,Status', ...Array.from({ length: n }, (_, i) => at(i + 1))];
    await sameBothWays(write(join(dir, 'quote.csv'), rows(500, (i) => (i === 450 ? `J-${i},The "Big" Engineer,Open` : `J-${i},Engineer ${i},Open`))));
    const latin = await sameBothWays(write(join(dir, 'latin.csv'), rows(5_000, (i) => (i === 4_900 ? `J-${i},Ingénieur,Open` : `J-${i},Engineer ${i},Open`)), 'latin1'));
    expect(latin.text?.encoding).toBe('windows-1252');
    await sameBothWays(write(join(dir, 'short.csv'), rows(3)));
    await sameBothWays(write(join(dir, 'header.csv'), rows(0)));
    const nul = await sameBothWays(write(join(dir, 'nul.csv'), rows(5_000, (i) => (i === 4_950 ? `J-${i},Engi\u0000neer,Open` : `J-${i},Engineer ${i},Open`))));
    expect(nul.sheets[0].issueCount).toBe(1);
    await sameBothWays(write(join(dir, 'semi.csv'), ['Job ID;Job Title', 'J-1;A', 'J-2;B']), { delimiter: ';' });
    writeFileSync(join(dir, 'empty.csv'), '\r\n\r\n');
    await expect(inspectTextFile(join(dir, 'empty.csv'))).rejects.toMatchObject({ code: 'NO_DATA' });
    await expect(inspectFile(join(dir, 'empty.csv'))).rejects.toMatchObject({ code: 'NO_DATA' });
  });
});
