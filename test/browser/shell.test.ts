import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshotPath, startApp, type RunningApp } from './support/app-server';

describe('the app shell in Chromium', () => {
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

  it('creates a workspace and reaches every screen from the navigation', async () => {
    const page = await newPage(browser, app.url);
    await expect.poll(() => page.getByTestId('workspace-name').textContent()).toBe('None open');

    await page.getByTestId('new-workspace-name').fill('Contoso Workday');
    await page.getByTestId('create-workspace').click();
    await expect.poll(() => page.getByTestId('workspace-name').textContent()).toBe('Contoso Workday');
    await expect.poll(() => page.getByTestId('summary-table').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('workspace') });

    for (const screen of ['import', 'records', 'sync', 'log', 'export', 'rules', 'settings', 'workspace']) {
      await page.getByTestId(`nav-${screen}`).click();
      await expect.poll(() => page.locator('main h1').first().textContent()).toMatch(new RegExp(screen, 'i'));
    }
  });

  it('refuses a WebSocket without this run\'s token', async () => {
    const page = await newPage(browser, app.url);
    const outcome = await page.evaluate(async (origin) => {
      return new Promise<string>((resolve) => {
        const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws?token=wrong`);
        ws.onopen = () => resolve('open');
        ws.onerror = () => resolve('refused');
      });
    }, app.origin);
    expect(outcome).toBe('refused');
  });
});
