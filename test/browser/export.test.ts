import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshotPath, screenshotsAtSizes, startApp, type RunningApp } from './support/app-server';
import { engagement, seedRecords } from './support/seed-records';
import { openWorkspaceDb } from '../../electron/core/db/connection';
import { setSetting } from '../../electron/core/db/settings-table';

/** A customer's name with letters beyond ASCII and characters no file system takes. */
const WORKSPACE = 'Zoë & Søn: Paris/Lyon';
const STAMP = String.raw`\d{4}-\d\d-\d\d \d\d-\d\d`;

describe('exporting in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await startApp();
    const workspace = join(app.dataDir, 'workspaces', 'Default.rscw');
    // The server opens (and creates) its default workspace before it prints its address.
    if (!existsSync(workspace)) throw new Error(`no default workspace at ${workspace}`);
    seedRecords(workspace, engagement({ organizationUrn: 'urn:li:organization:77', candidates: 4 }));
    const db = openWorkspaceDb(workspace);
    setSetting(db, 'workspace.name', WORKSPACE);
    db.close();
    browser = await launchBrowser();
    page = await newPage(browser, app.url);
    await page.getByTestId('nav-export').click();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('writes the audit workbook, shows what it wrote, and downloads it', async () => {
    await page.getByTestId('export-audit-button').click();
    await expect.poll(() => page.getByTestId('export-result').isVisible(), { timeout: 60_000 }).toBe(true);
    const result = await page.getByTestId('export-result').textContent();
    expect(result).toContain('Audit workbook exported');
    expect(result).toContain('Summary');
    await page.screenshot({ path: screenshotPath('export') });
    await screenshotsAtSizes(page, 'export');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-result').getByRole('button', { name: 'Download' }).click()]);
    // Named for the workspace and the minute, its letters kept, with no timestamp prefix.
    const written = readdirSync(join(app.dataDir, 'exports'));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(new RegExp(`^Zoë & Søn Paris Lyon audit ${STAMP}\\.xlsx$`));
    expect(result).toContain(written[0]);
    expect(download.suggestedFilename()).toMatch(new RegExp(` audit ${STAMP}\\.xlsx$`));
    const file = await download.path();
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const names = book.worksheets.map((w) => w.name);
    expect(names[0]).toBe('Summary');
    expect(names.some((n) => /candidates/i.test(n))).toBe(true);
  });

  it('writes the candidates as CSV in the RSC layout with epoch-ms dates', async () => {
    for (const c of ['jobs', 'applications', 'stages']) await page.getByTestId(`export-category-${c}`).uncheck();
    await page.getByTestId('export-format-csv').check();
    await page.getByTestId('export-layout-rsc').check();
    await page.getByTestId('export-dates-epoch').check();
    await page.getByTestId('export-clean-button').click();
    await expect.poll(() => page.getByTestId('export-result').textContent(), { timeout: 60_000 }).toContain('Cleaned data exported');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-result').getByRole('button', { name: 'Download' }).first().click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(` cleaned candidates ${STAMP}\\.csv$`));
    const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = text.trim().split(/\r?\n/);
    expect(header.split(',')).toContain('atsCandidateId');
    expect(rows).toHaveLength(4);
    expect(text).toContain(String(Date.UTC(2025, 0, 7, 9, 0, 0)));
  });
});
