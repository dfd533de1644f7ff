import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshotPath, startApp, type RunningApp } from './support/app-server';
import { RULE_PACK_VERSION } from '../../shared/rsc/version';
import { FIELDS } from '../../shared/rsc/fields';

describe('the rule pack in Chromium', () => {
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

  it('lists every field with its requirement and source, without a workspace, and filters by search', async () => {
    const page = await newPage(browser, app.url);
    await page.getByTestId('nav-rules').click();
    await expect.poll(() => page.getByTestId('rules-version').textContent()).toContain(RULE_PACK_VERSION);
    expect(await page.locator('[data-testid^="rules-field-"]').count()).toBe(FIELDS.length);
    expect(await page.getByTestId('rules-unsupported-note').textContent()).toContain('postalCode');
    await page.screenshot({ path: screenshotPath('rules') });

    await page.getByTestId('rules-search').fill('email');
    await expect.poll(() => page.locator('[data-testid^="rules-field-"]').count()).toBe(
      FIELDS.filter((f) => `${f.name} ${f.description} ${f.format} ${f.requirementText}`.toLowerCase().includes('email')).length,
    );
    expect(await page.getByTestId('rules-field-candidates-emailAddresses').isVisible()).toBe(true);
    expect(await page.getByTestId('rules-rule-applications-email-single').isVisible()).toBe(true);
    await page.screenshot({ path: screenshotPath('rules-search') });
  });
});
