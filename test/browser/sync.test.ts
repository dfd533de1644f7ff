import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshotPath, screenshotsAtSizes, startApp, type RunningApp } from './support/app-server';
import { openWorkspaceDb } from '../../electron/core/db/connection';
import { engagement, seedRecords } from './support/seed-records';
import { startFakeLinkedIn, type FakeLinkedIn } from '../support/fake-linkedin/server';
import { setSetting } from '../../electron/core/db/settings-table';

const ORG = 'urn:li:organization:424242';
const CANDIDATES = 6;

describe('syncing to LinkedIn in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let fake: FakeLinkedIn;
  let page: Page;

  beforeAll(async () => {
    fake = await startFakeLinkedIn({ taskPollsBeforeDone: 1 });
    app = await startApp();
    const workspace = join(app.dataDir, 'workspaces', 'Default.rscw');
    // The server opens (and creates) its default workspace before it prints its address.
    if (!existsSync(workspace)) throw new Error(`no default workspace at ${workspace}`);
    seedRecords(workspace, engagement({ organizationUrn: ORG, candidates: CANDIDATES, rejectedCandidate: true }));
    // As an earlier version saved it: the workspace named its own token server, which this version ignores.
    const db = openWorkspaceDb(workspace);
    setSetting(db, 'sync.oauthBaseUrl', 'http://127.0.0.1:1');
    db.close();
    browser = await launchBrowser();
    page = await newPage(browser, app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await fake?.close();
  });

  it('points the user to Settings until the LinkedIn connection is set, then saves it', async () => {
    await page.getByTestId('nav-sync').click();
    await expect.poll(() => page.getByTestId('sync-needs-settings').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('sync-needs-settings').textContent()).toContain('Client secret');

    await page.getByTestId('go-settings').click();
    const ignored = page.getByTestId('settings-ignored-urls');
    await expect.poll(() => ignored.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await ignored.textContent()).toContain('OAuth base URL http://127.0.0.1:1');
    expect(await page.getByTestId('settings-oauth-url').inputValue()).toBe('https://www.linkedin.com');
    await page.screenshot({ path: screenshotPath('settings-ignored-urls') });
    await page.getByTestId('settings-org-urn').fill('424242');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByText('Write it as a URN: urn:li:organization:424242').isVisible(), { timeout: 10_000 }).toBe(true);

    await page.getByTestId('settings-org-urn').fill(ORG);
    await page.getByTestId('settings-client-id').fill(fake.clientId);
    await page.getByTestId('settings-client-secret').fill(fake.clientSecret);
    await page.getByTestId('settings-api-url').fill(fake.url);
    await page.getByTestId('settings-oauth-url').fill(fake.url);
    await page.getByTestId('settings-batch-size').fill('4');
    await page.getByTestId('settings-save').click();
    await expect.poll(() => page.getByTestId('secret-stored').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByTestId('settings-client-secret').inputValue()).toBe('');
    expect(await ignored.count()).toBe(0);
    await page.screenshot({ path: screenshotPath('settings') });
  });

  it('runs a dry run that plans the batches and sends nothing', async () => {
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('sync-dry-run').click();
    await expect.poll(() => page.getByTestId('sync-plan').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(fake.requests).toHaveLength(0);

    // Batches of 4: 2 jobs → 1 request; 7 candidates → 2; 6 applications → 2; 6 stages, one request per application → 6.
    expect(await page.getByTestId('plan-to-send').textContent()).toBe(String(2 + (CANDIDATES + 1) + CANDIDATES * 2));
    const candidatesRow = await page.getByTestId('plan-row-candidates').locator('td').allTextContents();
    expect(candidatesRow.slice(1, 5)).toEqual(['7', '7', '0', '2']);
    await page.getByTestId('plan-sample-candidates').locator('summary').click();
    expect(await page.getByTestId('plan-sample-candidates').locator('pre').textContent()).toContain('candidate1@mail.example');
    await page.screenshot({ path: screenshotPath('sync-plan'), fullPage: true });
  });

  it('sends for real with live progress, and lists the record LinkedIn rejected', async () => {
    // A slow LinkedIn for the candidates, so the running state can be seen.
    fake.inject({ type: 'delay', ms: 1500 }, { resource: 'candidates', times: 2 });
    await page.getByTestId('sync-send').click();
    await page.getByTestId('confirm-send').click();
    await expect.poll(() => page.getByTestId('sync-live-counts').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('progress-jobs').getAttribute('data-testid')).toBe('progress-jobs');
    // Both candidate batches (4 + 3) go out at once, two requests on the wire, and show while LinkedIn is slow.
    await expect.poll(() => page.getByTestId('progress-candidates').textContent(), { timeout: 20_000 }).toContain(`${CANDIDATES + 1} awaiting LinkedIn`);
    await page.screenshot({ path: screenshotPath('sync-progress') });

    await expect.poll(() => page.getByTestId('sync-result').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await page.getByTestId('sync-outcome').textContent()).toContain('LinkedIn rejected 1 record');
    expect(await page.getByTestId('result-failed').textContent()).toBe('1');
    const rejected = page.getByTestId('sync-result').getByTestId('sync-record-list');
    expect(await rejected.textContent()).toContain('C-BAD');
    expect(await rejected.textContent()).toContain('atsLastModifiedAt');
    await page.screenshot({ path: screenshotPath('sync'), fullPage: true });

    // The fake's own record: every candidate arrived exactly once.
    const sentCandidates = fake.requests.filter((r) => r.resource === 'candidates' && r.status === 200).flatMap((r) => r.keys);
    expect(sentCandidates.sort()).toEqual([...Array.from({ length: CANDIDATES }, (_, i) => `C-${i + 1}`), 'C-BAD'].sort());
    expect(fake.state.candidates.size).toBe(CANDIDATES);
    expect(fake.state.stages.size).toBe(CANDIDATES);
  });

  it('opens the log entry that carried the rejected record, with its request and response', async () => {
    await page.getByTestId('sync-result').locator('[data-testid^="rejected-log-"]').first().click();
    await expect.poll(() => page.getByTestId('log-detail').isVisible()).toBe(true);
    const detail = page.getByTestId('log-detail');
    expect(await detail.getByTestId('log-request-body').textContent()).toContain('C-BAD');
    expect(await detail.getByTestId('log-response-body').textContent()).toContain('must not be before atsCreatedAt');
    const headers = await detail.locator('details.headers').first().textContent();
    expect(headers).not.toContain(fake.clientSecret);
    expect(headers).not.toMatch(/Bearer [A-Za-z0-9]{12,}/);
    await page.screenshot({ path: screenshotPath('log') });

    // Copy as cURL: the token a shell variable, never a secret; Copy body: the body as logged.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
    const clipboard = () => page.evaluate<string>('navigator.clipboard.readText()');
    await detail.getByTestId('log-copy-curl').click();
    await expect.poll(clipboard).toMatch(/^curl -X PUT 'http:/m);
    const curl = await clipboard();
    expect(curl).toMatch(/^# Set RSC_ACCESS_TOKEN/);
    expect(curl).toContain(`-H 'Authorization: Bearer '"\${RSC_ACCESS_TOKEN}"`);
    expect(curl).toContain('C-BAD');
    for (const secret of [fake.clientSecret, ...fake.issuedTokens()]) expect(curl).not.toContain(secret);
    await detail.getByTestId('log-copy-response-body').click();
    await expect.poll(clipboard).toContain('must not be before atsCreatedAt');
    await detail.getByTestId('log-copy-request-body').click();
    await expect.poll(clipboard).toMatch(/^\{.*C-BAD/s);
    await screenshotsAtSizes(page, 'log-detail');

    // Every exchange is listed; filtering by record key narrows to the ones that carried it.
    await page.getByTestId('log-detail-close').click();
    await page.getByTestId('log-filter-key').fill('C-BAD');
    await expect.poll(() => page.locator('[data-testid^="log-row-"]').count()).toBe(1);
    await page.locator('[data-testid^="log-row-"]').first().press('Enter');
    await expect.poll(() => page.getByTestId('log-detail').isVisible()).toBe(true);
  });

  it('sends nothing the second time', async () => {
    await page.getByTestId('nav-sync').click();
    const before = fake.requests.length;
    await page.getByTestId('sync-dry-run').click();
    await expect.poll(async () => page.getByTestId('plan-to-send').textContent()).toBe('0');
    await page.getByTestId('sync-send').click();
    await page.getByTestId('confirm-send').click();
    await expect.poll(() => page.getByTestId('sync-outcome').textContent(), { timeout: 30_000 }).toContain('nothing needed sending');
    expect(fake.requests.slice(before).filter((r) => r.resource !== 'token' && r.resource !== 'tasks')).toHaveLength(0);
  });

  it('follows "Run #N in the log" to that run\'s exchanges only, closing an entry of another run', async () => {
    // An entry of the first run is open, and a record key typed, from the test before.
    const runId = Number((await page.getByTestId('result-run-log').textContent())?.match(/#(\d+)/)?.[1]);
    expect(runId).toBeGreaterThan(1);
    await page.getByTestId('result-run-log').click();
    await expect.poll(() => page.getByTestId('log-filter-run').inputValue()).toBe(String(runId));
    expect(await page.getByTestId('log-detail').count()).toBe(0);
    expect(await page.getByTestId('log-filter-key').inputValue()).toBe('');
    const query = <T>(sql: string, ...params: unknown[]): T[] => {
      const db = openWorkspaceDb(join(app.dataDir, 'workspaces', 'Default.rscw'));
      try {
        return db.prepare(sql).pluck().all(...params) as T[];
      } finally {
        db.close();
      }
    };
    const idsOfRun = (id: number) => query<number>('SELECT id FROM exchanges WHERE run_id = ?', id).map(String).sort();
    const listed = async () => (await page.locator('[data-testid^="log-row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id') ?? ''))).sort();
    await expect.poll(listed).toEqual(idsOfRun(runId));
    if (idsOfRun(runId).length === 0) expect(await page.locator('main').textContent()).toContain(`Run #${runId} made no request to LinkedIn`);
    await screenshotsAtSizes(page, 'log-run');

    // The run that sent everything: its exchanges, one of them open beside them.
    const [sending] = query<number>('SELECT run_id FROM exchanges GROUP BY run_id ORDER BY count(*) DESC LIMIT 1');
    expect(sending).not.toBe(runId);
    await page.getByTestId('log-filter-run').selectOption(String(sending));
    await expect.poll(listed).toEqual(idsOfRun(sending));
    await page.locator('[data-testid^="log-row-"]').first().click();
    await expect.poll(() => page.getByTestId('log-detail').isVisible()).toBe(true);
    // Back to the later run by its link: the entry of the earlier run does not stay open.
    await page.getByTestId('nav-sync').click();
    await page.getByTestId('result-run-log').click();
    await expect.poll(() => page.getByTestId('log-filter-run').inputValue()).toBe(String(runId));
    expect(await page.getByTestId('log-detail').count()).toBe(0);
  });
});
