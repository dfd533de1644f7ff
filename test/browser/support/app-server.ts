import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningApp {
  url: string;
  dataDir: string;
  origin: string;
  token: string;
  stop(): Promise<void>;
}

/**
 * Starts the `npm run web` server (the renderer is built once by the global setup) with its own
 * data folder, and returns the tokened URL it prints.
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rscw-web-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/web/serve.ts'], {
    cwd: ROOT,
    env: { ...process.env, RSCW_DATA_DIR: dataDir, RSCW_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web server did not start: ${stderr}`)), 60_000);
    child.stdout?.on('data', (d) => {
      out += String(d);
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`web server exited (${code}): ${stderr}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    dataDir,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 820 }, colorScheme: 'light' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error('[page error]', err.message));
  await page.goto(url);
  return page;
}

export function screenshotPath(name: string): string {
  return join(ROOT, 'docs', 'screenshots', `${name}.png`);
}

/**
 * The page at the two sizes a screen must look right at (1440×900, 1024×700), into
 * test-results/screenshots (not committed); the viewport is put back afterwards.
 */
export async function screenshotsAtSizes(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  mkdirSync(join(ROOT, 'test-results', 'screenshots'), { recursive: true });
  for (const [width, height] of [[1440, 900], [1024, 700]]) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', `${name}-${width}x${height}.png`) });
  }
  if (before) await page.setViewportSize(before);
}
