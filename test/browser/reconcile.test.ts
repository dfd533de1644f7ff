import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshotPath, startApp, type RunningApp } from './support/app-server';
import { engagement, seedRecords } from './support/seed-records';
import { startFakeLinkedIn, type FakeLinkedIn } from '../support/fake-linkedin/server';
import { RawWsClient } from '../support/ws-contract-client';
import { openWorkspaceDb } from '../../electron/core/db/connection';

const ORG = 'urn:li:organization:424242';
const CANDIDATES = 8;
// The fake's matches: every candidate but C-2, C-5 and C-7 has a LinkedIn member.
const UNMATCHED = new Set(['C-2', 'C-5', 'C-7']);

describe('reconciling with LinkedIn in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let fake: FakeLinkedIn;
  let page: Page;
  let workspace: string;

  beforeAll(async () => {
    fake = await startFakeLinkedIn({
      readDelete: { matchedMembers: (id) => (UNMATCHED.has(id) ? [] : [`urn:li:person:${id.replace('-', '')}x9`]) },
    });
    app = await startApp();
    workspace = join(app.dataDir, 'workspaces', 'Default.rscw');
    if (!existsSync(workspace)) throw new Error(`no default workspace at ${workspace}`);
    seedRecords(workspace, engagement({ organizationUrn: ORG, candidates: CANDIDATES }));
    const ws = await RawWsClient.connect(`${app.url.replace(/^http/, 'ws').replace(/\/\?/, '/ws?')}`, app.origin);
    const saved = await ws.call('sync:saveSettings', {
      organizationUrn: ORG, clientId: fake.clientId, clientSecret: fake.clientSecret, apiBaseUrl: fake.url, oauthBaseUrl: fake.url,
    });
    expect(saved.ok).toBe(true);
    const synced = await ws.call('sync:start', { categories: ['candidates', 'applications', 'stages'] });
    expect(synced).toMatchObject({ ok: true, result: { status: 'finished', failed: 0 } });
    ws.close();
    // The latest import no longer holds two candidates and an application; LinkedIn holds one name otherwise.
    const db = openWorkspaceDb(workspace);
    db.prepare("UPDATE records SET missing_from_source = 1 WHERE key IN ('C-3', 'C-8', 'A-4')").run();
    db.close();
    fake.state.candidates.get('C-1')!.entity.lastName = 'Lovelace-King';
    browser = await launchBrowser();
    page = await newPage(browser, app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await fake?.close();
  });

  it('reads the matches back and shows the rate, the unmatched candidates and what they lack, and the drift', async () => {
    await page.getByTestId('nav-reconcile').click();
    await expect.poll(() => page.getByTestId('match-rate').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('overall-rate').textContent()).toContain('–');
    await page.getByTestId('reconcile-read').click();
    await expect.poll(() => page.getByTestId('count-matched').textContent(), { timeout: 30_000 }).toContain('5 matched');
    expect(await page.getByTestId('overall-rate').textContent()).toContain('63%');
    expect(await page.getByTestId('count-unmatched').textContent()).toContain('3 unmatched');
    const keys = await page.getByTestId('unmatched-table').locator('tbody tr td:first-child').allTextContents();
    expect(keys).toEqual(['C-2', 'C-5', 'C-7']);
    expect(await page.getByTestId('unmatched-table').locator('tbody tr').first().textContent()).toContain('Phone');
    const drift = await page.getByTestId('drift-table').locator('tbody tr').first().locator('td').allTextContents();
    expect(drift).toEqual(['C-1', 'lastName', 'Hopper', 'Lovelace-King']);
    expect(await page.getByTestId('erase-missing').textContent()).toContain('3 missing');

    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: screenshotPath('reconcile'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: screenshotPath('reconcile-1024') });
  });

  it('previews the erase, deletes only after the typed confirmation, and marks the records erased', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    const deletesBefore = fake.requests.filter((r) => r.effectiveMethod === 'DELETE').length;
    await page.getByTestId('erase-review').click();
    await expect.poll(() => page.getByTestId('erase-dialog').isVisible(), { timeout: 20_000 }).toBe(true);
    const rows = await page.getByTestId('erase-preview').locator('tbody tr td:nth-child(2)').allTextContents();
    // The application's stage goes with it.
    expect(rows).toEqual(['A-4', 'A-4/S-4', 'C-3', 'C-8']);
    expect(await page.getByTestId('erase-confirm').isDisabled()).toBe(true);
    expect(fake.requests.filter((r) => r.effectiveMethod === 'DELETE').length).toBe(deletesBefore);
    await page.screenshot({ path: screenshotPath('erase-confirm') });
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.screenshot({ path: screenshotPath('erase-confirm-1024') });

    await page.getByTestId('erase-typed').fill('erase');
    await page.getByTestId('erase-confirm').click();
    await expect.poll(() => page.getByTestId('erase-result').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('erase-result').textContent()).toContain(`${rows.length} deleted`);
    expect(fake.state.candidates.has('C-3')).toBe(false);
    expect(fake.state.applications.has('A-4')).toBe(false);
    expect(await page.getByTestId('erase-missing').textContent()).toContain('0 missing');
  });

  it('marks a record for erasure, which the next preview lists; cancelling deletes nothing', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('erase-mark').locator('summary').click();
    await page.getByTestId('mark-keys').fill('C-6\nNOPE');
    await page.getByTestId('mark-submit').click();
    await expect.poll(() => page.getByTestId('erase-panel').textContent(), { timeout: 10_000 }).toContain('1 marked for erasure');
    await page.screenshot({ path: screenshotPath('erase-mark') });
    const deletesBefore = fake.requests.filter((r) => r.effectiveMethod === 'DELETE').length;
    await page.getByTestId('erase-review').click();
    await expect.poll(() => page.getByTestId('erase-dialog').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('erase-preview').locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('Marked for erasure')]);
    await page.getByTestId('erase-cancel').click();
    await expect.poll(() => page.getByTestId('erase-dialog').count()).toBe(0);
    expect(fake.requests.filter((r) => r.effectiveMethod === 'DELETE').length).toBe(deletesBefore);
    expect(fake.state.candidates.has('C-6')).toBe(true);
  });

  it('filters the records grid by the "LinkedIn match" facet', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${app.url}#/records?category=candidates`);
    await expect.poll(() => page.getByTestId('facet-match').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByTestId('facet-match-erased').textContent()).toContain('2');
    await page.getByTestId('facet-match-unmatched').click();
    await expect.poll(() => page.getByTestId('facet-match-unmatched').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.url()).toContain('match=unmatched');
    await page.screenshot({ path: screenshotPath('records-match-facet') });
  });
});
