import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath, startApp, type RunningApp } from './support/app-server';
import { tempDir } from '../support/temp';

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 60_000, interval: 100 });

/** Ten candidates, two of them without a first name, two with a broken email, and C-3 twice (its second row differs). */
function candidatesCsv(): string {
  const file = join(tempDir(), 'people.csv');
  const rows = ['Candidate ID,First Name,Last Name,Email,Profile URL,Created At,Last Updated'];
  for (let i = 0; i < 10; i++) {
    rows.push(`C-${i},${i < 8 ? 'Ann' : ''},Lee,${i % 5 === 0 ? 'not-an-email' : `ann${i}@mail.example`},https://ats.example/c/${i},2025-01-0${i + 1},2025-02-01`);
  }
  rows.push('C-3,Bea,Lee,ann3@mail.example,https://ats.example/c/3,2025-01-04,2025-02-01');
  writeFileSync(file, rows.join('\n'));
  return file;
}

describe.each([
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
])('reviewing an import before anything is stored, at $width×$height', ({ width, height }) => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const file = candidatesCsv();
  const field = (header: string) => page.getByTestId(`field-people-${header}`);
  const shot = (name: string, fullPage = false) => page.screenshot({ path: screenshotPath(`${name}-${width}`), fullPage });

  async function openMapping() {
    await page.getByTestId('nav-import').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('choose-file').click();
    await (await chooser).setFiles(file);
    await poll(() => page.getByTestId('category-people').inputValue()).toBe('candidates');
    await page.getByTestId('to-mapping').click();
    await poll(() => field('Last Name').inputValue()).toBe('lastName');
  }

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (err) => console.error('[page error]', err.message));
    await page.goto(app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows each column\'s fill rate and failing rules, and every required field with no column with the records that will fail', async () => {
    await openMapping();
    await poll(() => page.getByTestId('filled-people-First Name').textContent()).toContain('80%');
    expect(await page.getByTestId('fails-people-First Name').textContent()).toContain('2 × Required field is missing');
    expect(await page.getByTestId('fails-people-Email').textContent()).toContain('2 × ');
    expect(await page.getByTestId('fails-people-Candidate ID').textContent()).toContain('none');

    await field('Last Name').selectOption('');
    await poll(() => page.getByTestId('unmapped-people').textContent()).toContain('lastName has no column: all 10 records will fail');
    // Importing stays possible.
    expect(await page.getByTestId('run-import').isDisabled()).toBe(false);
    await shot('import-review', true);
  });

  it('asks which column wins when a field is already mapped, and unmaps nothing silently', async () => {
    await field('Last Name').selectOption('firstName');
    await poll(() => page.getByTestId('mapping-taken').isVisible()).toBe(true);
    expect(await page.getByTestId('mapping-taken').textContent()).toContain('“First Name” fills firstName');
    await shot('import-mapping-taken');
    await page.getByTestId('taken-old').click();
    expect(await field('First Name').inputValue()).toBe('firstName');
    expect(await field('Last Name').inputValue()).toBe('');

    await field('Last Name').selectOption('firstName');
    await page.getByTestId('taken-new').click();
    expect(await field('Last Name').inputValue()).toBe('firstName');
    expect(await field('First Name').inputValue()).toBe('');
    // Back to the export's own mapping.
    await field('First Name').selectOption('firstName');
    await page.getByTestId('taken-new').click();
    await field('Last Name').selectOption('lastName');
    await poll(() => page.getByTestId('unmapped-people').count()).toBe(0);
  });

  it('lists the rows not imported in the summary, and an unchanged file imported again as unchanged', async () => {
    await page.getByTestId('run-import').click();
    await poll(() => page.getByTestId('import-summary').isVisible()).toBe(true);
    expect(await page.getByTestId('added').first().textContent()).toBe('10');
    const skipped = page.getByTestId('skipped-rows');
    expect(await skipped.textContent()).toContain('Duplicate key: row 5 has the same key and was kept');
    expect(await skipped.textContent()).toContain('First Name: kept “Ann”, this row “Bea”');
    await shot('import-summary-skipped');

    await page.getByRole('button', { name: 'Import other files' }).click();
    await openMapping();
    await page.getByTestId('run-import').click();
    await poll(() => page.getByTestId('import-summary').isVisible()).toBe(true);
    const cells = await page.getByTestId('import-summary').locator('tbody tr').first().locator('td').allTextContents();
    // Sheet, category, rows, added, updated, unchanged…
    expect(cells.slice(2, 6)).toEqual(['11', '0', '0', '10']);
  });
});
