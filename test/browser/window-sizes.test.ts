import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath, startApp, type RunningApp } from './support/app-server';
import { candidateKey, candidatesWorkspace } from './support/records-workspace';

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });

describe.each([
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
])('the records and dashboard screens at $width×$height', ({ width, height }) => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: screenshotPath(`${name}-${width}`) });

  beforeAll(async () => {
    const ws = await candidatesWorkspace(200);
    app = await startApp({ RSCW_DATA_DIR: ws.dataDir });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light' });
    page = await context.newPage();
    page.on('pageerror', (err) => console.error('[page error]', err.message));
    await page.goto(app.url);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  /** Data columns (all but the # column) whose header lies wholly inside the grid's visible box. */
  async function dataColumnsInView(): Promise<number> {
    const grid = (await page.getByTestId('records-grid').boundingBox())!;
    const boxes = await page.getByTestId('records-grid').locator('[role=columnheader]').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right };
      }),
    );
    return boxes.slice(1).filter((b) => b.left >= grid.x && b.right <= grid.x + grid.width + 1).length;
  }

  it('keeps at least four data columns of the grid in view with the facets open; the details panel does not narrow it', async () => {
    await page.getByTestId('nav-records').click();
    await poll(() => page.getByTestId('records-total').textContent()).toBe('200 records');
    await shot('records-facets');
    expect(await dataColumnsInView()).toBeGreaterThanOrEqual(4);
    await page.getByTestId('toggle-history').click();
    await poll(() => page.getByTestId('history-panel').isVisible()).toBe(true);
    const side = (await page.locator('.pane.side').boundingBox())!;
    const grid = (await page.getByTestId('records-grid').boundingBox())!;
    if (width <= 1024) {
      // Over the grid, which keeps its width and its columns.
      expect(side.x).toBeLessThan(grid.x + grid.width);
      expect(await dataColumnsInView()).toBeGreaterThanOrEqual(4);
    } else {
      expect(side.x).toBeGreaterThanOrEqual(grid.x + grid.width);
      expect(await dataColumnsInView()).toBeGreaterThanOrEqual(4);
    }
    await shot('records-panel');
    await page.getByTestId('toggle-history').click();
  });

  it('keeps the records toolbar on one line at 1440 wide', async () => {
    if (width < 1440) return;
    // One line: no control starts below the bottom of another.
    const boxes = await page.locator('.toolbar button, .toolbar input').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
    expect(Math.max(...boxes.map((b) => b.top))).toBeLessThan(Math.min(...boxes.map((b) => b.bottom)));
  });

  it('numbers the active row in the status bar as the grid\'s # column does', async () => {
    const row = page.getByTestId('records-grid').locator(`[role=row][data-key="${candidateKey(7)}"]`);
    await row.locator('[data-col=atsCreatedAt]').click();
    const number = (await row.locator('[data-col="$row"]').textContent())!.trim();
    await poll(() => page.getByTestId('status-row').textContent()).toBe(`· row ${number}`);
  });

  it('stacks the dashboard\'s table and chart when the window is narrow', async () => {
    await page.getByTestId('nav-dashboard').click();
    await poll(() => page.getByTestId('compliance-chart').locator('canvas').count()).toBe(1);
    const table = (await page.getByTestId('dashboard-table').boundingBox())!;
    const chart = (await page.getByTestId('compliance-chart').boundingBox())!;
    if (width <= 1024) expect(chart.y).toBeGreaterThanOrEqual(table.y + table.height);
    else expect(chart.x).toBeGreaterThanOrEqual(table.x + table.width);
    await shot('dashboard-size');
  });

  it('truncates a long workspace name in the header instead of running under the counters', async () => {
    await page.getByTestId('nav-workspace').click();
    await page.getByTestId('new-workspace-name').fill('Contoso Holdings International — Workday recruiting export, second pass');
    await page.getByTestId('create-workspace').click();
    const name = page.getByTestId('workspace-name');
    await poll(() => name.getAttribute('title')).toContain('second pass');
    const nameBox = (await name.boundingBox())!;
    const counts = (await page.getByTestId('count-jobs').boundingBox())!;
    expect(nameBox.x + nameBox.width).toBeLessThanOrEqual(counts.x);
    expect(await name.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await shot('header-long-name');
  });
});
