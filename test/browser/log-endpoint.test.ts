import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath, startApp, type RunningApp } from './support/app-server';
import { candidatesWorkspace } from './support/records-workspace';
import { openWorkspaceDb } from '../../electron/core/db/connection';
import { migrate } from '../../electron/core/db/migrations';
import { ExchangeLog } from '../../electron/core/syncing/exchange-log';

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });

/** A stage batch: a long compound key in the path, a long query after it. */
const STAGES_URL =
  'http://127.0.0.1:9/v2/atsApplications/(atsJobApplicationId:APP-0000123456789,dataProvider:ATS,integrationContext:urn%3Ali%3Aorganization%3A424242)/stages' +
  '?ids=List(STAGE-000001,STAGE-000002,STAGE-000003,STAGE-000004,STAGE-000005,STAGE-000006)';

describe.each([
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
])('the request log at $width×$height', ({ width, height }) => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const ws = await candidatesWorkspace(3);
    const db = openWorkspaceDb(ws.workspace);
    migrate(db);
    new ExchangeLog(db, () => []).insert({
      runId: null, at: Date.UTC(2026, 11, 8, 9), kind: 'batch', category: 'stages', method: 'PUT', url: STAGES_URL,
      requestHeaders: {}, requestBody: '{}', status: 200, responseHeaders: {}, responseBody: '{}', durationMs: 12, attempt: 1,
      recordKeys: ['STAGE-000001'], error: null,
    });
    db.close();
    app = await startApp({ RSCW_DATA_DIR: ws.dataDir });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light' });
    page = await context.newPage();
    await page.goto(app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it("keeps the endpoint's last path segment whole, cutting the key and the query instead", async () => {
    await page.getByTestId('nav-log').click();
    const last = page.getByTestId('endpoint-last').first();
    await poll(() => last.textContent()).toBe('stages');
    const cell = (await last.evaluate((el) => {
      const td = el.closest('td')!.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return { inside: r.left >= td.left && r.right <= td.right, width: r.width };
    }));
    expect(cell.width).toBeGreaterThan(0);
    expect(cell.inside).toBe(true);
    await page.screenshot({ path: screenshotPath(`log-endpoint-${width}`) });
  });
});
