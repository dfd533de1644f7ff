import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshotPath, startApp, type RunningApp } from './support/app-server';
import { engagement, seedRecords } from './support/seed-records';
import { startFakeLinkedIn, type FakeLinkedIn } from '../support/fake-linkedin/server';
import { tempDir } from '../support/temp';
import { pdf, writeFiles } from '../integration/resumes/helpers';

const ORG = 'urn:li:organization:424242';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

/** The same screen at both sizes the app must look right at, with `focus` scrolled into view. */
async function shots(page: Page, name: string, focus?: Locator, fullPage = false) {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await focus?.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(`${name}-${size.width}`), fullPage });
  }
  await page.setViewportSize(SIZES[0]);
}

describe('sync you can trust, in Chromium: a connection check, a confirmed send, resumes in the sidebar', () => {
  let app: RunningApp;
  let browser: Browser;
  let fake: FakeLinkedIn;
  let page: Page;

  beforeAll(async () => {
    fake = await startFakeLinkedIn();
    app = await startApp();
    const workspace = join(app.dataDir, 'workspaces', 'Default.rscw');
    if (!existsSync(workspace)) throw new Error(`no default workspace at ${workspace}`);
    seedRecords(workspace, engagement({ organizationUrn: ORG, candidates: 4 }));
    browser = await launchBrowser();
    page = await newPage(browser, app.url);
    await page.setViewportSize(SIZES[0]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await fake?.close();
  });

  it('tests the connection in Settings: credentials refused with what to do, then connected', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('settings-org-urn').fill(ORG);
    await page.getByTestId('settings-client-id').fill(fake.clientId);
    await page.getByTestId('settings-client-secret').fill('not-the-secret');
    await page.getByTestId('settings-api-url').fill(fake.url);
    await page.getByTestId('settings-oauth-url').fill(fake.url);
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('secret-stored').isVisible(), { timeout: 10_000 }).toBe(true);

    await page.getByTestId('test-connection').click();
    const result = page.getByTestId('connection-result');
    await expect.poll(() => result.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('connection-outcome').textContent()).toContain('Credentials refused');
    expect(await result.textContent()).toContain('What to do');
    await shots(page, 'connection-refused', result);

    await page.getByTestId('settings-client-secret').fill(fake.clientSecret);
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByText('Settings saved.').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByTestId('test-connection').click();
    await expect.poll(() => page.getByTestId('connection-outcome').textContent(), { timeout: 20_000 }).toContain('Connected');
    expect(await result.textContent()).toContain(fake.url);
    // The check read once with a token, and sent no record.
    expect(fake.requests.filter((r) => r.resource !== 'token').map((r) => [r.resource, r.effectiveMethod])).toEqual([['candidates', 'GET']]);
    expect(fake.state.candidates.size).toBe(0);
    await shots(page, 'connection-ok', result);
  });

  it('lists resumes in the sidebar, and uploads chosen files through the page', async () => {
    await page.getByTestId('nav-resumes').click();
    expect(await page.getByTestId('resume-folder').count()).toBe(0);
    const folder = join(tempDir(), 'cv');
    writeFiles(folder, { 'A-1.pdf': pdf('one'), 'A-2.pdf': pdf('two') });
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('choose-resume-files').click();
    await (await chooser).setFiles([join(folder, 'A-1.pdf'), join(folder, 'A-2.pdf')]);
    await expect.poll(() => page.getByTestId('resume-report').textContent(), { timeout: 20_000 }).toContain('2 matched');
    await expect.poll(() => page.getByTestId('resume-table').locator('tbody tr').count()).toBe(2);
    await shots(page, 'resumes-page', undefined, true);
  });

  it('detaches all only after confirming, and undoes it', async () => {
    await page.getByTestId('detach-all').click();
    await expect.poll(() => page.getByTestId('detach-confirm').isVisible()).toBe(true);
    expect(await page.getByTestId('detach-confirm').textContent()).toContain('Detach all 2 resumes?');
    await page.getByTestId('detach-cancel').click();
    expect(await page.getByTestId('resume-table').locator('tbody tr').count()).toBe(2);
    await page.getByTestId('detach-all').click();
    await page.getByTestId('detach-confirm-button').click();
    await expect.poll(() => page.getByTestId('detach-undo').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('resume-table').count()).toBe(0);
    await page.getByTestId('undo-detach').click();
    await expect.poll(() => page.getByTestId('resume-table').locator('tbody tr').count(), { timeout: 10_000 }).toBe(2);
  });

  it('lists the uploads in the dry run and asks before a real send, with the counts per category', async () => {
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-dry-run').click();
    await expect.poll(() => page.getByTestId('sync-plan').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('plan-uploads-summary').textContent()).toMatch(/2 files, .* for\s+2 applications/);
    await shots(page, 'sync-plan-uploads', page.getByTestId('plan-uploads'));

    const before = fake.requests.length;
    await page.getByTestId('sync-send').click();
    const dialog = page.getByTestId('send-confirm');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.getByTestId('confirm-row-candidates').locator('td').nth(1).textContent()).toBe('4');
    expect(await page.getByTestId('confirm-uploads').textContent()).toContain('2 resume files');
    await shots(page, 'sync-confirm');
    await page.getByTestId('confirm-cancel').click();
    expect(fake.requests.length).toBe(before);

    await page.getByTestId('sync-send').click();
    await page.getByTestId('confirm-send').click();
    await expect.poll(() => page.getByTestId('sync-outcome').textContent(), { timeout: 60_000 }).toContain('Finished');
    expect(fake.state.candidates.size).toBe(4);
    expect([...fake.state.applications.values()].filter((a) => a.entity.media)).toHaveLength(2);
  });
});
