import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { openWorkspaceDb } from '../../electron/core/db/connection';
import { launchBrowser, newPage, screenshotPath, startApp, type RunningApp } from './support/app-server';
import { tempDir } from '../support/temp';
import { pdf, seedApplications } from '../integration/resumes/helpers';

/** Drops a file on the window as the OS would: a drop event whose DataTransfer carries it. */
async function dropFile(page: Page, name: string, bytes: Buffer) {
  // A string, as the test files are typed for Node (no DOM lib).
  await page.evaluate(`(() => {
    const data = Uint8Array.from(atob(${JSON.stringify(bytes.toString('base64'))}), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([data], ${JSON.stringify(name)}));
    window.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, cancelable: true }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, cancelable: true }));
  })()`);
}

describe('dropping files on the window in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'workspaces'), { recursive: true });
    const db = openWorkspaceDb(join(dataDir, 'workspaces', 'Default.rscw'));
    seedApplications(db, 4);
    db.close();
    app = await startApp({ RSCW_DATA_DIR: dataDir });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('attaches the resumes of a dropped .zip from any screen', async () => {
    const zip = new JSZip();
    zip.file('A000000.pdf', pdf('zero'));
    zip.file('A000001 - CV.pdf', pdf('one'));
    zip.file('A000002.pdf', pdf('two'));
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    for (const [width, height] of [[1440, 900], [1024, 700]]) {
      const page = await newPage(browser, app.url);
      await page.setViewportSize({ width, height });
      await page.getByTestId('nav-records').click();
      await dropFile(page, 'Resumes March.zip', bytes);
      await expect.poll(() => page.getByTestId('resume-report').textContent().catch(() => '')).toContain('3 matched');
      expect(new URL(page.url()).hash || new URL(page.url()).pathname).toContain('resumes');
      await page.screenshot({ path: screenshotPath(`drop-resumes-zip-${width}`) });
      await page.close();
    }
  });

  it('says what a drop takes when it is neither a spreadsheet nor resumes', async () => {
    const page = await newPage(browser, app.url);
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect.poll(() => page.getByTestId('workspace-name').textContent()).toBe('Default');
    await dropFile(page, 'holiday.png', Buffer.from('png'));
    await expect.poll(() => page.locator('body').textContent()).toContain('holiday.png: drop .xlsx or .csv files to import them');
    await page.screenshot({ path: screenshotPath('drop-unsupported') });
  });
});
