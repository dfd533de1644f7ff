import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshotPath, startApp, type RunningApp } from './support/app-server';
import { tempDir } from '../support/temp';

/** A small Greenhouse-like jobs export with a title row above the headers, written by hand. */
function jobsCsv(): string {
  const dir = tempDir();
  const file = join(dir, 'greenhouse-jobs.csv');
  const rows = [
    'Jobs report generated 2026-11-20,,,,,,,',
    ',,,,,,,',
    'Job ID,Job Name,Description,Location,Status,Apply URL,Created At,Organization',
    ...Array.from({ length: 30 }, (_, i) =>
      [
        `J-${1000 + i}`,
        `Engineer ${i}`,
        `"${'A role building integrations. '.repeat(5)}"`,
        '"Paris, France"',
        i % 3 === 0 ? 'Closed' : 'Open',
        `https://jobs.example.com/${1000 + i}`,
        '2025-06-0' + ((i % 9) + 1),
        'urn:li:organization:1234',
      ].join(','),
    ),
  ];
  writeFileSync(file, rows.join('\r\n'));
  return file;
}

describe('the import wizard in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('walks a real file from choosing to the records screen', async () => {
    const page = await newPage(browser, app.url);
    await page.getByTestId('nav-import').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('choose-file').click();
    await (await chooser).setFiles(jobsCsv());

    // Sheets: the title rows are skipped and the header row found.
    await expect.poll(() => page.getByTestId('header-row-greenhouse-jobs').inputValue()).toBe('3');
    expect(await page.getByTestId('category-greenhouse-jobs').inputValue()).toBe('jobs');
    await page.screenshot({ path: screenshotPath('import-sheets') });
    await page.getByTestId('to-mapping').click();

    // Mapping: the key column is matched automatically.
    await expect.poll(() => page.getByTestId('field-greenhouse-jobs-Job ID').inputValue()).toBe('externalJobPostingId');
    await page.screenshot({ path: screenshotPath('import-mapping'), fullPage: true });
    await page.getByTestId('run-import').click();

    await expect.poll(() => page.getByTestId('import-summary').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await page.getByTestId('added').first().textContent()).toBe('30');
    await expect.poll(() => page.getByTestId('count-jobs').textContent()).toContain('30');
    await page.screenshot({ path: screenshotPath('import-summary') });

    await page.getByTestId('go-records').click();
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe('Records');
  });

  it('says plainly why an unsupported file cannot be imported', async () => {
    const page = await newPage(browser, app.url);
    await page.getByTestId('nav-import').click();
    const file = join(tempDir(), 'old.xls');
    writeFileSync(file, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('choose-file').click();
    await (await chooser).setFiles(file);
    await expect.poll(() => page.getByTestId('import-error').textContent()).toMatch(/xlsx/i);
  });
});
