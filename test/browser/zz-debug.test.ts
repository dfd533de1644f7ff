import { it } from 'vitest';
import { launchBrowser, newPage, startApp } from './support/app-server';
import { candidatesWorkspace } from './support/records-workspace';

it('debug', async () => {
  const ws = await candidatesWorkspace(Number(process.env.DBG_N ?? 5000));
  const app = await startApp({ RSCW_DATA_DIR: ws.dataDir });
  const browser = await launchBrowser();
  const page = await newPage(browser, app.url);
  page.on('console', (m) => console.log('[console]', m.type(), m.text()));
  const sent = new Map<number, [number, string]>();
  page.on('websocket', (w) => {
    w.on('framesent', (f) => { const m = JSON.parse(String(f.payload)); sent.set(m.id, [Date.now(), m.method + ' ' + JSON.stringify(m.input).slice(0, 120)]); });
    w.on('framereceived', (f) => { const m = JSON.parse(String(f.payload)); const s = sent.get(m.id); if (s) console.log('CALL', Date.now() - s[0], 'ms', s[1], m.ok === false ? JSON.stringify(m.error) : ''); else console.log('EVENT', String(f.payload).slice(0, 150)); });
  });
  const t = (label: string) => console.log('STEP', label, Date.now() % 100000);
  await page.getByTestId('nav-records').click();
  await page.waitForTimeout(4000);
  t('rule'); await page.getByTestId('facet-rule-url-format').click();
  await page.waitForTimeout(3000);
  t('fixall'); await page.getByTestId('fix-all-url-format').click();
  await page.waitForTimeout(20000);
  console.log('TOTAL', await page.getByTestId('records-total').textContent());
  await page.screenshot({ path: '/tmp/rsw/dbg.png' });
  await browser.close(); await app.stop();
}, 200000);
