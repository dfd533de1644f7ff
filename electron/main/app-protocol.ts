import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { DESKTOP_CONTENT_SECURITY_POLICY } from './window-options';

/**
 * The built renderer is served from `rscw://app/…` (protocol.handle) rather than file://, so the
 * page has an origin of its own: 'self' in the CSP means the app's files only, not the whole disk.
 */
export const APP_SCHEME = 'rscw';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Registered before `ready`: a standard, secure scheme, so fetch, storage and CSP treat it as an origin. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`);
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** The answer to one `rscw://` request: a file of the built renderer, with the desktop CSP, or an error status. */
export async function appFileResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  let pathname: string;
  try {
    const url = new URL(requestUrl);
    if (url.host !== 'app') return plain(404, 'Not found');
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return plain(400, 'Bad request');
  }
  const root = resolve(rendererDir);
  const file = join(root, normalize(pathname).replace(/^([/\\])+/, '') || 'index.html');
  if (!file.startsWith(root + sep)) return plain(403, 'Forbidden');
  try {
    if (!(await stat(file)).isFile()) return plain(404, 'Not found');
    return new Response(new Uint8Array(await readFile(file)), {
      status: 200,
      headers: {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': DESKTOP_CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return plain(404, 'Not found');
  }
}
