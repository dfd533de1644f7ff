import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, screenshotPath, startApp, type RunningApp } from './support/app-server';
import { candidateKey, candidateRow, candidatesWorkspace, countWhere } from './support/records-workspace';

const N = 100_000;

// The generator's problems (see candidateRow), as predicates on the candidate's number.
const url = (i: number) => i % 7 === 2;
const email = (i: number) => i % 10 === 3;
const lastName = (i: number) => i % 11 === 4;
const seconds = (i: number) => i % 13 === 5;
const modified = (i: number) => i % 37 === 6;

const n = (x: number) => x.toLocaleString('en-US');
/** Every change is re-checked and re-counted over 100,000 records by the backend: allow it seconds. */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000, interval: 100 });

describe('the records workspace on 100,000 candidates in Chromium', () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  /** Problems fixed so far; a candidate has errors while any of its problems is not. */
  const fixed = { url: false, email: false, lastName: new Set<number>(), excluded: new Set<number>() };
  const errors = () =>
    countWhere(N, (i) =>
      !fixed.excluded.has(i) &&
      ((url(i) && !fixed.url) || (email(i) && !fixed.email) || (lastName(i) && !fixed.lastName.has(i)) || seconds(i) || modified(i)),
    );

  const grid = () => page.getByTestId('records-grid');
  const row = (i: number) => grid().locator(`[role=row][data-key="${candidateKey(i)}"]`);
  const value = (i: number, field: string) => row(i).locator(`[data-col=${field}] .v`).textContent();
  const headerErrors = () => page.getByTestId('count-candidates').locator('.badge.error').textContent();
  const total = () => page.getByTestId('records-total').textContent();

  beforeAll(async () => {
    const ws = await candidatesWorkspace(N);
    app = await startApp({ RSCW_DATA_DIR: ws.dataDir });
    browser = await launchBrowser();
    page = await newPage(browser, app.url);
    await page.getByTestId('nav-records').click();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the first window at once and scrolls to the last record without loading them all', async () => {
    await poll(total).toBe(`${n(N)} records`);
    await poll(() => row(0).isVisible()).toBe(true);
    expect(await grid().getAttribute('aria-rowcount')).toBe(String(N + 1));
    await poll(() => page.getByTestId('facet-rule-url-format').textContent()).toContain(n(countWhere(N, url)));
    await page.screenshot({ path: screenshotPath('records') });

    await grid().evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await poll(() => row(N - 1).isVisible()).toBe(true);
    // A window of rows is in the page, never the dataset.
    expect(await grid().locator('[role=row]').count()).toBeLessThan(120);

    await grid().focus();
    await page.keyboard.press('Control+Home');
    await poll(() => row(0).isVisible()).toBe(true);
  });

  it('filters by a rule from the facet panel', async () => {
    await page.getByTestId('facet-rule-url-format').click();
    await poll(total).toBe(`${n(countWhere(N, url))} of ${n(N)} records match`);
    await poll(() => row(2).isVisible()).toBe(true);
    expect(await page.getByTestId('chip-rule').textContent()).toContain('Absolute http(s) URL');
    expect(page.url()).toContain('rule=url-format');
    // The failing cell is marked by colour and a symbol, with the rule's message on hover.
    const cell = row(2).locator('[data-col=externalProfileUrl]');
    expect(await cell.getAttribute('class')).toContain('sev-error');
    expect(await cell.locator('.sev-icon').textContent()).toBe('✕');
    expect(await cell.getAttribute('title')).toMatch(/not an absolute http\(s\) link/);
    await page.getByTestId('chip-rule').getByRole('button').click();
    await poll(total).toBe(`${n(N)} records`);
  });

  it('searches every record and gives the total once counted', async () => {
    await page.getByTestId('records-search').fill('C-000');
    await poll(total).toBe(`1,000 of ${n(N)} records match`);
    await poll(() => row(0).isVisible()).toBe(true);
    expect(await grid().getAttribute('aria-rowcount')).toBe('1001');
    await page.screenshot({ path: screenshotPath('records-search') });
    await grid().evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await poll(() => row(999).isVisible()).toBe(true);
    await page.getByTestId('records-search').fill('');
    await poll(total).toBe(`${n(N)} records`);
  });

  it('fixes one cell inline and the counts follow', async () => {
    const before = errors();
    await poll(headerErrors).toContain(n(before));
    await page.getByTestId('facet-rule-required-missing').click();
    await poll(total).toBe(`${n(countWhere(N, lastName))} of ${n(N)} records match`);
    await row(4).locator('[data-col=lastName]').click();
    await page.keyboard.press('Enter');
    await page.getByTestId('cell-editor').fill('Lovelace');
    await page.keyboard.press('Enter');
    fixed.lastName.add(4);

    await poll(headerErrors).toContain(n(errors()));
    await poll(total).toBe(`${n(countWhere(N, lastName) - 1)} of ${n(N)} records match`);
    expect(errors()).toBe(before - 1);
    await page.getByTestId('chip-rule').getByRole('button').click();
    await poll(() => value(4, 'lastName')).toBe('Lovelace');
    expect(await row(4).locator('[data-col=lastName]').getAttribute('title')).toContain('imported as: (empty)');
  });

  it('pastes a range copied from Excel as one operation, and copies a range back as TSV', async () => {
    await row(15).locator('[data-col=lastName]').click();
    // A paste event as Excel's clipboard gives it: tab-separated rows ending with a line break.
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', 'Hopper\\r\\nLiskov\\r\\n');
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    fixed.lastName.add(15);
    await poll(() => value(16, 'lastName')).toBe('Liskov');
    await poll(headerErrors).toContain(n(errors()));
    expect(await value(15, 'lastName')).toBe('Hopper');

    await row(15).locator('[data-col=lastName]').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowLeft');
    const copied = await page.evaluate(`(() => {
      const data = new DataTransfer();
      document.activeElement.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
      return data.getData('text/plain');
    })()`);
    expect(copied).toBe(`${candidateRow(15)[1]}\tHopper\r\n${candidateRow(16)[1]}\tLiskov`);
  });

  it('applies "fix all like this" to every record with the rule', async () => {
    await page.getByTestId('fix-all-url-format').click();
    // It asks first: the count, and the first changes before → after.
    const count = n(countWhere(N, url));
    await poll(() => page.getByTestId('fix-all-count').textContent()).toMatch(new RegExp(`${count}\\s+cells in\\s+${count}\\s+records would change`));
    expect(await page.getByTestId('fix-all-preview').textContent()).toContain('https://ats.example.com/c/2');
    await page.getByTestId('fix-all-apply').click();
    fixed.url = true;
    await poll(() => page.getByTestId('facet-rule-url-format').count()).toBe(0);
    await poll(headerErrors).toContain(n(errors()));
    await poll(() => value(2, 'externalProfileUrl')).toBe('https://ats.example.com/c/2');
  });

  it('finds and replaces with a preview of the changes before applying', async () => {
    await page.getByTestId('open-bulk').click();
    await page.getByTestId('bulk-scope-filter').check();
    await page.getByTestId('bulk-kind').selectOption('replace');
    await page.getByTestId('bulk-field').selectOption('emailAddresses');
    await page.getByTestId('bulk-regex').check();
    await page.getByTestId('bulk-find').fill('^.*<([^>]+)>$');
    await page.getByTestId('bulk-replace').fill('$1');
    await page.getByTestId('bulk-only-failing').check();
    const count = n(countWhere(N, email));
    await poll(() => page.getByTestId('bulk-preview-count').textContent()).toMatch(
      new RegExp(`${count}\\s+cells in\\s+${count}\\s+records would change`),
    );
    expect(await page.getByTestId('bulk-preview').textContent()).toContain('ann3@mail.example');
    await page.getByTestId('bulk-apply').click();
    fixed.email = true;
    await poll(() => page.getByTestId('bulk-dialog').count()).toBe(0);
    await poll(() => page.getByTestId('facet-rule-email-format').count()).toBe(0);
    await poll(headerErrors).toContain(n(errors()));
    await poll(() => value(3, 'emailAddresses')).toBe('ann3@mail.example');
  });

  it('undoes and redoes the last operation from the keyboard', async () => {
    await grid().focus();
    await page.keyboard.press('Control+z');
    fixed.email = false;
    await poll(() => page.getByTestId('facet-rule-email-format').textContent()).toContain(n(countWhere(N, email)));
    await poll(headerErrors).toContain(n(errors()));
    await poll(() => value(3, 'emailAddresses')).toBe('Ann Lee <ann3@mail.example>');

    await page.keyboard.press('Control+Shift+Z');
    fixed.email = true;
    await poll(() => page.getByTestId('facet-rule-email-format').count()).toBe(0);
    await poll(headerErrors).toContain(n(errors()));

    await page.getByTestId('toggle-history').click();
    const panel = page.getByTestId('history-panel');
    await poll(() => panel.textContent()).toContain('Replaced /^.*<([^>]+)>$/');
    expect(await panel.textContent()).toContain(`${n(countWhere(N, email))} records`);
    await page.getByTestId('toggle-history').click();
  });

  it('excludes a record with a reason and shows it in the record panel', async () => {
    // Candidate 44: its link was fixed by "fix all"; its date in seconds is still an error with a fix.
    await page.getByTestId('records-search').fill('C-000044');
    await poll(total).toBe(`1 of ${n(N)} records matches`);
    await row(44).locator('[data-col="$row"]').click();
    await page.getByTestId('open-exclude').click();
    await page.getByTestId('exclude-reason-input').fill('The ATS has no real creation date for this candidate');
    await page.getByTestId('exclude-submit').click();
    fixed.excluded.add(44);
    await poll(() => row(44).locator('[data-col="$status"]').textContent()).toContain('Excluded');
    await poll(headerErrors).toContain(n(errors()));

    await row(44).locator('[data-col="$row"]').dblclick();
    await page.keyboard.press('Home');
    const panel = page.getByTestId('record-panel');
    await poll(() => panel.getByTestId('exclude-reason').textContent()).toContain('no real creation date');
    expect(await panel.getByTestId('record-history').textContent()).toContain('Fixed all "Absolute http(s) URL"');
    expect(await panel.getByTestId('record-fix').textContent()).toContain('Convert seconds to milliseconds');
    if (await page.getByTestId('toast').isVisible()) await page.getByTestId('toast').getByRole('button', { name: 'Dismiss' }).click();
    await page.screenshot({ path: screenshotPath('record-panel') });
  });
});
