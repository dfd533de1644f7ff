import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { runCli } from '../../electron/cli/main';
import { launchBrowser, newPage, screenshotPath, startApp, type RunningApp } from './support/app-server';
import { tempDir } from '../support/temp';

const silent = { stdout: () => undefined, stderr: () => undefined };

/** Candidates whose dates are written day-first (03/04/2025): ambiguous until the column's format is chosen. */
async function workspaceWithAmbiguousDates(): Promise<string> {
  const dataDir = tempDir();
  mkdirSync(join(dataDir, 'workspaces'), { recursive: true });
  const csv = join(dataDir, 'candidates.csv');
  const rows = ['Candidate ID,First Name,Last Name,Email,Profile URL,Created At,Last Modified'];
  for (let i = 0; i < 12; i++) {
    rows.push(`C-${i},Ada,Lee,ada${i}@mail.example,https://ats.example/c/${i},03/0${(i % 9) + 1}/2025,28/11/2025`);
  }
  writeFileSync(csv, rows.join('\n'));
  const code = await runCli(['import', csv, '--db', join(dataDir, 'workspaces', 'Default.rscw')], silent);
  expect(code).toBe(0);
  return dataDir;
}

describe('choosing a date column format in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp({ RSCW_DATA_DIR: await workspaceWithAmbiguousDates() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('turns ambiguous dates into errors, then re-reads the column once its format is chosen', async () => {
    const page = await newPage(browser, app.url);
    // 03/04/2025 could be March or April: every candidate starts with an error.
    await expect.poll(() => page.getByTestId('count-candidates').locator('.badge.error').textContent()).toContain('12');

    await page.getByTestId('nav-settings').click();
    await page.getByTestId('date-format-candidates-atsCreatedAt').selectOption('dd/MM/yyyy');
    await expect.poll(() => page.getByTestId('date-format-candidates-atsCreatedAt').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.getByTestId('date-format-candidates-atsLastModifiedAt').selectOption('dd/MM/yyyy');
    await expect.poll(() => page.getByTestId('date-format-candidates-atsLastModifiedAt').isEnabled(), { timeout: 30_000 }).toBe(true);
    // Created 3 Jan…9 Jan, last modified 28 Nov: day-first reads them all as valid, in order.
    await expect.poll(() => page.getByTestId('count-candidates').locator('.badge.error').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('count-candidates').textContent()).toContain('12');
    await page.locator('#date-formats').screenshot({ path: screenshotPath('date-formats') });
  });

  it('keeps each format chosen in the History, undoes it like an edit, and leads from the records to the column\'s setting', async () => {
    const page = await newPage(browser, app.url);
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByTestId('nav-records').click();
    await page.getByTestId('toggle-history').click();
    const panel = page.getByTestId('history-panel');
    await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toContain('Date format of atsLastModifiedAt (candidates): none (ISO, epoch, Excel serial) → dd/MM/yyyy');
    expect(await panel.textContent()).toContain('Date format of atsCreatedAt (candidates)');
    await page.screenshot({ path: screenshotPath('history-date-format-1024') });

    // Undo: the last modified dates are ambiguous again, every candidate has an error.
    await page.getByTestId('records-grid').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('count-candidates').locator('.badge.error').textContent(), { timeout: 30_000 }).toContain('12');

    await page.getByTestId('choose-date-format-date-ambiguous').click();
    await expect.poll(() => page.url()).toContain('dateFormat=candidates.atsLastModifiedAt');
    const select = page.getByTestId('date-format-candidates-atsLastModifiedAt');
    await expect.poll(() => page.evaluate('document.activeElement?.dataset.testid')).toBe('date-format-candidates-atsLastModifiedAt');
    expect(await select.inputValue()).toBe('');
    await page.screenshot({ path: screenshotPath('date-format-target-1024') });
  });
});
