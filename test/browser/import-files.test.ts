import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshotsAtSizes, startApp, type RunningApp } from './support/app-server';
import { tempDir } from '../support/temp';

const dir = tempDir('rscw-import-files-');
function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const jobs = () =>
  write('jobs.csv', [
    'Job ID,Job Name,Description,Location,Status,Apply URL,Organization',
    ...[1, 2, 3].map((i) => `J-${i},Engineer ${i},"${'A role building integrations. '.repeat(5)}","Paris, France",Open,https://jobs.example.com/${i},urn:li:organization:1234`),
  ].join('\n'));
const candidates = () =>
  write('candidates.csv', [
    'Candidate ID,First Name,Last Name,Email,Created At,Last Modified',
    ...[1, 2].map((i) => `C-${i},First${i},Last${i},person${i}@mail.example,${1736154000000 + i},${1736240400000 + i}`),
  ].join('\n'));
/** A small PDF: text only, so its bytes would read as a one-column CSV if its content were not looked at. */
const pdf = () => write('report.csv', '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 60_000, interval: 100 });

describe('importing several files at once in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    page = await newPage(browser, app.url);
    await page.getByTestId('nav-import').click();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('refuses a PDF named .csv at once, with that reason, and previews nothing', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('choose-file').click();
    await (await chooser).setFiles(pdf());
    await poll(() => page.getByTestId('import-error').textContent()).toContain('report.csv is a PDF document, not a spreadsheet, despite its .csv name');
    expect(await page.getByTestId('to-mapping').count()).toBe(0);
    expect(await page.getByTestId('drop-zone').isVisible()).toBe(true);
    await screenshotsAtSizes(page, 'import-refused-pdf');
  });

  it('reviews and imports each chosen file in turn, setting aside one that cannot be read', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('choose-file').click();
    const files = await chooser;
    expect(files.isMultiple()).toBe(true);
    await files.setFiles([jobs(), pdf(), candidates()]);

    const pass = page.getByTestId('import-pass');
    await poll(() => pass.textContent()).toContain('File 1 of 3: jobs.csv');
    expect(await page.getByTestId('category-jobs').inputValue()).toBe('jobs');
    await screenshotsAtSizes(page, 'import-pass-sheets');
    await page.getByTestId('to-mapping').click();
    await poll(() => page.getByTestId('field-jobs-Job ID').inputValue()).toBe('externalJobPostingId');
    expect(await page.getByTestId('run-import').textContent()).toContain('then the next file');
    await screenshotsAtSizes(page, 'import-pass-mapping');
    await page.getByTestId('run-import').click();

    // The PDF is set aside at once; the candidates get their own review.
    await poll(() => pass.textContent()).toContain('File 3 of 3: candidates.csv');
    expect(await pass.textContent()).toContain('1 imported, 1 set aside');
    expect(await page.getByTestId('category-candidates').inputValue()).toBe('candidates');
    await page.getByTestId('to-mapping').click();
    await poll(() => page.getByTestId('field-candidates-Candidate ID').inputValue()).toBe('atsCandidateId');
    await page.getByTestId('run-import').click();

    const summary = page.getByTestId('import-summary');
    await poll(() => summary.isVisible()).toBe(true);
    expect(await page.locator('#result-title').textContent()).toMatch(/^Imported 2 files in /);
    expect(await page.getByTestId('import-file-jobs.csv').getByTestId('added').textContent()).toBe('3');
    expect(await page.getByTestId('import-file-candidates.csv').getByTestId('added').textContent()).toBe('2');
    expect(await page.getByTestId('import-skipped').textContent()).toContain('report.csv was not imported: report.csv is a PDF document');
    await poll(() => page.getByTestId('count-jobs').textContent()).toContain('3');
    await poll(() => page.getByTestId('count-candidates').textContent()).toContain('2');
    await screenshotsAtSizes(page, 'import-pass-summary');
  });
});
