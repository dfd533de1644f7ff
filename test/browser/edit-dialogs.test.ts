import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath, startApp, type RunningApp } from './support/app-server';
import { candidateKey, candidatesWorkspace, countWhere } from './support/records-workspace';

const N = 200;
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });
const n = (x: number) => x.toLocaleString('en-US');
const noLastName = countWhere(N, (i) => i % 11 === 4);
const urlFix = countWhere(N, (i) => i % 7 === 2);

describe.each([
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
])('edits that cannot surprise, at $width×$height', ({ width, height }) => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const grid = () => page.getByTestId('records-grid');
  const cell = (i: number, field: string) => grid().locator(`[role=row][data-key="${candidateKey(i)}"] [data-col=${field}]`);
  const shot = (name: string) => page.screenshot({ path: screenshotPath(`${name}-${width}`) });

  beforeAll(async () => {
    const ws = await candidatesWorkspace(N);
    app = await startApp({ RSCW_DATA_DIR: ws.dataDir });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (err) => console.error('[page error]', err.message));
    await page.goto(app.url);
    await page.getByTestId('nav-records').click();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows every date as a date and time in the workspace\'s zone, with the epoch ms LinkedIn gets in the tooltip and the editor', async () => {
    await poll(() => page.getByTestId('records-total').textContent()).toBe(`${n(N)} records`);
    // Candidate 1 was created at 2024-01-01 00:01 UTC, given as epoch ms.
    const created = cell(1, 'atsCreatedAt');
    await poll(() => created.locator('.v').textContent()).toBe('2024-01-01 00:01');
    expect(await created.getAttribute('title')).toContain(`LinkedIn gets ${Date.UTC(2024, 0, 1, 0, 1)}`);
    await created.dblclick();
    expect(await page.getByTestId('cell-editor').inputValue()).toBe(String(Date.UTC(2024, 0, 1, 0, 1)));
    await page.keyboard.press('Escape');
    // Candidate 5's date is in epoch seconds: not one reading, so shown as typed and flagged.
    const seconds = cell(5, 'atsCreatedAt').locator('.v');
    expect(await seconds.textContent()).toBe(String(Math.floor(Date.UTC(2024, 0, 1, 0, 5) / 1000)));
    expect(await seconds.getAttribute('class')).toContain('raw-date');
    await shot('records-dates');
  });

  it('opens "Edit cells" on the active column, never on the key', async () => {
    await cell(1, 'atsCandidateId').click();
    await page.getByTestId('open-bulk').click();
    expect(await page.getByTestId('bulk-field').inputValue()).not.toBe('atsCandidateId');
    await page.getByTestId('bulk-cancel').click();
    await poll(() => page.getByTestId('bulk-dialog').count()).toBe(0);

    await cell(1, 'lastName').click();
    await page.getByTestId('open-bulk').click();
    expect(await page.getByTestId('bulk-field').inputValue()).toBe('lastName');
  });

  it('sets a value on only the empty cells and says exactly what it will do', async () => {
    // An empty value is not offered: clearing is its own action.
    await poll(() => page.getByTestId('bulk-preview').textContent()).toContain('To empty the cells, choose Clear');
    expect(await page.getByTestId('bulk-apply').isDisabled()).toBe(true);
    await page.getByTestId('bulk-value').fill('Unknown');
    await page.getByTestId('bulk-only-empty').check();
    await poll(() => page.getByTestId('bulk-apply').textContent()).toBe(
      `Set lastName on ${n(noLastName)} of ${n(N)} records; ${n(N - noLastName)} already have a value`,
    );
    await shot('edit-cells');
    await page.getByTestId('bulk-apply').click();
    await poll(() => page.getByTestId('bulk-dialog').count()).toBe(0);
    await poll(() => cell(4, 'lastName').locator('.v').textContent()).toBe('Unknown');
  });

  it('changes a key field only after a confirmation that names the count', async () => {
    await cell(1, 'lastName').click();
    await page.getByTestId('open-bulk').click();
    await page.getByTestId('bulk-field').selectOption('atsCandidateId');
    await page.getByTestId('bulk-value').fill('SAME');
    await poll(() => page.getByTestId('bulk-key-confirm').textContent()).toContain(`Change the record key atsCandidateId of ${n(N)} records.`);
    expect(await page.getByTestId('bulk-apply').isDisabled()).toBe(true);
    await shot('edit-cells-key');
    await page.getByTestId('bulk-cancel').click();
    await poll(() => page.getByTestId('bulk-dialog').count()).toBe(0);
  });

  it('previews "fix all like this" and asks before it applies', async () => {
    await page.getByTestId('fix-all-url-format').click();
    await poll(() => page.getByTestId('fix-all-count').textContent()).toMatch(new RegExp(`${urlFix}\\s+cells in\\s+${urlFix}\\s+records would change`));
    expect(await page.getByTestId('fix-all-preview').textContent()).toContain('https://ats.example.com/c/2');
    await shot('fix-all');
    await page.getByTestId('fix-all-apply').click();
    await poll(() => page.getByTestId('fix-all-dialog').count()).toBe(0);
    await poll(() => page.getByTestId('facet-rule-url-format').count()).toBe(0);
  });
});
