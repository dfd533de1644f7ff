import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshotsAtSizes, startApp, type RunningApp } from './support/app-server';
import { readWorkbook, sheet, table } from '../integration/exporting/read-workbook';
import { tempDir } from '../support/temp';

/** A few candidates as an ATS exports them, one email typed with spaces around it and capitals. */
function candidatesCsv(): string {
  const file = join(tempDir(), 'ats-candidates.csv');
  const created = Date.UTC(2025, 0, 6, 9);
  const rows = ['Candidate ID,First Name,Last Name,Email,Profile URL,Created At,Last Modified'];
  for (let i = 1; i <= 4; i++) {
    const email = i === 1 ? '" Zoe@Example.com "' : `person${i}@mail.example`;
    rows.push([`C-${i}`, i === 1 ? 'Zoe' : `First${i}`, `Last${i}`, email, `https://ats.example.com/c/${i}`, created + i, created + i + 86_400_000].join(','));
  }
  writeFileSync(file, rows.join('\r\n'));
  return file;
}

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });

/** Import → fix with a transform whose preview shows its spaces → export, as a new user walks it. */
describe('a first engagement walked in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    page = await newPage(browser, app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('imports the customer file', async () => {
    await page.getByTestId('nav-import').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('choose-file').click();
    await (await chooser).setFiles(candidatesCsv());
    await page.getByTestId('to-mapping').click();
    await page.getByTestId('run-import').click();
    await poll(() => page.getByTestId('import-summary').isVisible()).toBe(true);
    await page.getByTestId('go-records').click();
    await page.getByTestId('tab-candidates').click();
    await poll(() => page.getByTestId('records-total').textContent()).toContain('4');
  });

  it('previews a transform with its spaces visible, and stores exactly that', async () => {
    const cell = () => page.locator('[role=row][data-key="C-1"] [data-col=emailAddresses] .v');
    await poll(() => cell().textContent()).toBe(' Zoe@Example.com ');

    await page.getByTestId('open-bulk').click();
    await page.getByTestId('bulk-kind').selectOption('transform');
    await page.getByTestId('bulk-field').selectOption('emailAddresses');
    await page.getByTestId('bulk-transform').selectOption('changeCase');
    await page.getByTestId('bulk-case').selectOption('lower');
    const preview = page.getByTestId('bulk-preview');
    await poll(() => preview.locator('td.after').first().textContent()).toBe('·zoe@example.com·');
    expect(await preview.locator('td.before').first().textContent()).toBe('·Zoe@Example.com·');
    expect(await preview.locator('td.after .mark').first().getAttribute('title')).toBe('space');
    expect(await page.getByTestId('bulk-space-legend').isVisible()).toBe(true);
    await screenshotsAtSizes(page, 'transform-preview-case');
    await page.getByTestId('bulk-apply').click();
    await poll(() => page.getByTestId('bulk-dialog').count()).toBe(0);
    await poll(() => cell().textContent()).toBe(' zoe@example.com ');

    await page.getByTestId('open-bulk').click();
    await page.getByTestId('bulk-kind').selectOption('transform');
    await page.getByTestId('bulk-field').selectOption('emailAddresses');
    await page.getByTestId('bulk-transform').selectOption('trim');
    await poll(() => preview.locator('td.before').first().textContent()).toBe('·zoe@example.com·');
    expect(await preview.locator('td.after').first().textContent()).toBe('zoe@example.com');
    await screenshotsAtSizes(page, 'transform-preview-trim');
    await page.getByTestId('bulk-apply').click();
    await poll(() => page.getByTestId('bulk-dialog').count()).toBe(0);
    await poll(() => cell().textContent()).toBe('zoe@example.com');
  });

  it('exports the audit, whose edits hold the values as previewed', async () => {
    await page.getByTestId('nav-export').click();
    await page.getByTestId('export-audit-button').click();
    await poll(() => page.getByTestId('export-result').isVisible()).toBe(true);
    await screenshotsAtSizes(page, 'walk-export');
    const [file] = readdirSync(join(app.dataDir, 'exports'));
    expect(file).toMatch(/^Default audit \d{4}-\d\d-\d\d \d\d-\d\d\.xlsx$/);
    const edits = table(sheet(await readWorkbook(join(app.dataDir, 'exports', file)), 'Edits')).slice(1);
    const values = edits.filter((r) => r.includes('emailAddresses')).map((r) => [r[7], r[8]]);
    expect(values).toContainEqual([' Zoe@Example.com ', ' zoe@example.com ']);
    expect(values).toContainEqual([' zoe@example.com ', 'zoe@example.com']);
  });
});
