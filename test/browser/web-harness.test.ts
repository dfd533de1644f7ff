import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshotPath, startApp, type RunningApp } from './support/app-server';
import { tempDir } from '../support/temp';

function jobsCsv(): string {
  const file = join(tempDir(), 'acme-jobs.csv');
  const rows = [
    'Job ID,Job Name,Description,Location,Status,Apply URL,Created At,Organization',
    ...Array.from({ length: 12 }, (_, i) =>
      [`J-${i}`, `Engineer ${i}`, 'Builds integrations.', '"Paris, France"', 'Open', `https://jobs.example.com/${i}`, '2025-06-01', 'urn:li:organization:1'].join(','),
    ),
  ];
  writeFileSync(file, rows.join('\r\n'));
  return file;
}

describe('the web harness in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp({ RSCW_NO_DEFAULT_WORKSPACE: '1' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('drops the access token from the address once read, and still works after a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('new-workspace-name').isVisible()).toBe(true);
    expect(page.url()).not.toContain('token');
    expect(page.url()).not.toContain(app.token);
    await page.reload();
    await page.getByTestId('new-workspace-name').fill('After reload');
    await page.getByTestId('create-workspace').click();
    await expect.poll(() => page.getByTestId('summary-table').isVisible()).toBe(true);
    expect(page.url()).not.toContain(app.token);
    await context.close();
  });

  it('says the client secret is kept for this session only, at 1440×900 and 1024×700', async () => {
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ]) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light' });
      const page = await context.newPage();
      await page.goto(app.url);
      await page.getByTestId('new-workspace-name').fill(`Secrets ${width}`);
      await page.getByTestId('create-workspace').click();
      await expect.poll(() => page.getByTestId('summary-table').isVisible()).toBe(true);
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('settings-org-urn').fill('urn:li:organization:42');
      await page.getByTestId('settings-client-id').fill('client');
      await page.getByTestId('settings-client-secret').fill('shh');
      await page.getByTestId('settings-save').click();
      await expect.poll(() => page.getByTestId('secret-stored').textContent()).toContain('Kept for this session');
      expect(await page.locator('main').textContent()).toContain('kept in memory for this session only');
      await page.screenshot({ path: screenshotPath(`web-harness-secret-${width}`) });
      await context.close();
    }
  });

  it('imports a file and downloads its export for a workspace whose name is not ASCII, at 1440×900', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light', acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByTestId('new-workspace-name').fill('Acme — Greenhouse');
    await page.getByTestId('create-workspace').click();
    await expect.poll(() => page.getByTestId('summary-table').isVisible()).toBe(true);

    await page.getByTestId('nav-import').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('choose-file').click();
    await (await chooser).setFiles(jobsCsv());
    await page.getByTestId('to-mapping').click();
    await page.getByTestId('run-import').click();
    await expect.poll(() => page.getByTestId('import-summary').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await page.getByTestId('added').first().textContent()).toBe('12');
    await page.screenshot({ path: screenshotPath('web-harness-import') });

    await page.getByTestId('nav-export').click();
    await page.getByTestId('export-audit-button').click();
    await expect.poll(() => page.getByTestId('export-result').isVisible(), { timeout: 60_000 }).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-result').getByRole('button', { name: 'Download' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Acme — Greenhouse audit \d{4}-\d{2}-\d{2} \d{2}-\d{2}\.xlsx$/);
    expect(readFileSync(await download.path()).subarray(0, 2).toString()).toBe('PK');
    await page.screenshot({ path: screenshotPath('web-harness-export') });
    await context.close();
  });
});
