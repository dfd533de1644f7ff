import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshotPath, startApp, type RunningApp } from './support/app-server';
import { engagementWorkspace } from './support/records-workspace';

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });
const SIZES = { jobs: 400, candidates: 3_000, applications: 5_000 };

describe('the dashboard in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const ws = await engagementWorkspace(SIZES);
    app = await startApp({ RSCW_DATA_DIR: ws.dataDir });
    browser = await launchBrowser();
    page = await newPage(browser, app.url);
    await page.getByTestId('nav-dashboard').click();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows each category\'s records and compliance, its top failing rules and a chart', async () => {
    await poll(() => page.getByTestId('dash-candidates-total').textContent()).toBe('3,000');
    expect(await page.getByTestId('dash-jobs-total').textContent()).toBe('400');
    expect(await page.getByTestId('dash-applications-total').textContent()).toBe('5,000');
    expect(await page.getByTestId('top-rules-candidates').textContent()).toContain('Absolute http(s) URL');
    expect(await page.getByTestId('top-rules-jobs').textContent()).toContain('Organization URN format');
    // The chart is drawn on a canvas, with the same figures in words for screen readers.
    await poll(() => page.getByTestId('compliance-chart').locator('canvas').count()).toBe(1);
    expect(await page.getByTestId('compliance-chart').getAttribute('data-summary')).toMatch(/Candidates: \d+% compliant/);
    await page.screenshot({ path: screenshotPath('dashboard'), fullPage: true });
  });

  it('opens the records of a failing rule in one click, fixes them, and shows the new figures', async () => {
    const chartBefore = await page.getByTestId('compliance-chart').getAttribute('data-summary');
    const errorsBefore = await page.getByTestId('dash-candidates-error').textContent();
    const link = page.getByTestId('top-rule-candidates-url-format');
    const records = (await link.locator('.n').textContent())!;
    await link.click();

    await poll(() => page.url()).toMatch(/#\/records\?category=candidates&rule=url-format/);
    await poll(() => page.getByTestId('records-total').textContent()).toBe(`${records} of 3,000 records match`);
    expect(await page.getByTestId('tab-candidates').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('fix-all-url-format').click();
    await page.getByTestId('fix-all-apply').click();
    await poll(() => page.getByTestId('facet-rule-url-format').count()).toBe(0);

    await page.getByTestId('nav-dashboard').click();
    await poll(() => page.getByTestId('dash-candidates-error').textContent()).not.toBe(errorsBefore);
    expect(await page.getByTestId('top-rules-candidates').textContent()).not.toContain('Absolute http(s) URL');
    await poll(() => page.getByTestId('compliance-chart').getAttribute('data-summary')).not.toBe(chartBefore);
  });

  it('filters the records by status from a count', async () => {
    await page.getByTestId('dash-jobs-error').getByRole('link').click();
    await poll(() => page.getByTestId('chip-status').textContent()).toContain('Errors');
    expect(await page.getByTestId('tab-jobs').getAttribute('aria-selected')).toBe('true');
  });
});
