import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import JSZip from 'jszip';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { openWorkspaceDb } from '../../electron/core/db/connection';
import { launchBrowser, newPage, screenshotPath, startApp, type RunningApp } from './support/app-server';
import { tempDir } from '../support/temp';
import { PNG, pdf, seedApplications, writeFiles } from '../integration/resumes/helpers';

describe('attaching resumes in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let folder: string;

  beforeAll(async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'workspaces'), { recursive: true });
    const db = openWorkspaceDb(join(dataDir, 'workspaces', 'Default.rscw'));
    seedApplications(db, 6);
    db.close();
    app = await startApp({ RSCW_DATA_DIR: dataDir });
    // The web harness reads only what was uploaded to it: the files sit in its uploads folder, as uploads do.
    folder = join(dataDir, 'uploads', 'resume-files');
    // Four real PDFs named after applications, one picture renamed to .pdf, one file for no application.
    writeFiles(folder, {
      'A000000.pdf': pdf('zero'),
      'A000001 - CV.pdf': pdf('one'),
      'A000002.pdf': pdf('two'),
      'A000003.pdf': pdf('three'),
      'A000004.pdf': PNG,
      'notes.txt': 'not a resume of anyone here',
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('matches files to applications by id, rejects a disguised picture, and lists what is attached', async () => {
    const page = await newPage(browser, app.url);
    await page.getByTestId('nav-import').click();
    await page.getByTestId('go-resumes').click();
    // In the browser the files are chosen and uploaded through the page: no path on the server is typed.
    expect(await page.getByTestId('resume-folder').count()).toBe(0);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('choose-resume-files').click();
    await (await chooser).setFiles(readdirSync(folder).map((f) => join(folder, f)));

    const report = page.getByTestId('resume-report');
    await expect.poll(() => report.textContent()).toContain('4 matched');
    expect(await report.textContent()).toContain('1 rejected');
    expect(await report.textContent()).toContain('A000004.pdf');
    await expect.poll(() => page.getByTestId('resume-table').locator('tbody tr').count()).toBe(4);
    expect(await page.getByTestId('resume-table').textContent()).toContain('Needs upload');
    await page.screenshot({ path: screenshotPath('resumes'), fullPage: true });

    // A .zip goes up the same way, and is unpacked and matched on the other side.
    const zip = new JSZip();
    zip.file('cv/A000005.pdf', pdf('five'));
    const zipPath = join(tempDir(), 'resumes.zip');
    writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer' }));
    const zipChooser = page.waitForEvent('filechooser');
    await page.getByTestId('choose-resume-zip').click();
    await (await zipChooser).setFiles(zipPath);
    await expect.poll(() => page.getByTestId('resume-table').locator('tbody tr').count(), { timeout: 20_000 }).toBe(5);
    expect(await report.textContent()).toContain('1 matched');
  });
});
