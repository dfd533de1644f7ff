import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';

// 'electron' cannot load outside an Electron process: the parts the shell uses are stood in for.
const storage = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret' }));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => storage.available,
    getSelectedStorageBackend: () => storage.backend,
    encryptString: (s: string) => Buffer.from(`enc:${s}`),
    decryptString: (b: Buffer) => b.toString().replace(/^enc:/, ''),
  },
  app: {},
  BrowserWindow: class {},
  ipcMain: {},
  dialog: {},
  shell: {},
}));

const { PathGrants } = await import('../../electron/main/path-grants');
const { bindDialogs } = await import('../../electron/main/dialogs');
const { bindContract, channelOf } = await import('../../electron/main/ipc');
const { externalLinkHandler, mayOpenExternally } = await import('../../electron/main/external-links');
const { denyAllPermissions } = await import('../../electron/main/session-policy');
const { safeStorageSecrets, secureStorageAvailable } = await import('../../electron/main/secrets');
const { secureWindowOptions, DESKTOP_CONTENT_SECURITY_POLICY } = await import('../../electron/main/window-options');
const { appFileResponse, isAppUrl, APP_ENTRY } = await import('../../electron/main/app-protocol');
const { tempDir } = await import('../support/temp');

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, fn: Handler) => void handlers.set(channel, fn),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

const fromWindow = (id: number) => ({ sender: { id } }) as unknown as IpcMainInvokeEvent;
const places = { folder: '/data/workspaces', recent: () => ['/home/ana/clients/Acme.rscw'] };

describe('paths a window may pass to the backend', () => {
  function wired() {
    const ipc = fakeIpcMain();
    const grants = new PathGrants();
    const backend = { call: vi.fn(async () => ({ ok: true as const, result: 'reached' })) };
    bindContract(ipc, backend, () => true, (e, method, input) => grants.check(e.sender.id, method, input, places));
    const dialog = {
      showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/home/ana/exports/jobs.xlsx'] })),
      showSaveDialog: vi.fn(async () => ({ canceled: false, filePath: '/home/ana/out/audit.xlsx' })),
    };
    bindDialogs({ ipcMain: ipc, dialog, window: () => ({}) as BrowserWindow, trusted: () => true, grants });
    const call = (id: number, method: string, input: unknown) => ipc.handlers.get(channelOf(method))!(fromWindow(id), input);
    const ask = (id: number, channel: string, input: unknown) => ipc.handlers.get(channel)!(fromWindow(id), input);
    return { backend, call, ask, grants, dialog };
  }

  it('refuses a path no dialog returned, without reaching the backend', async () => {
    const { backend, call } = wired();
    expect(await call(1, 'import:inspect', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(await call(1, 'import:exportPreset', { name: 'x', path: '/home/ana/.bashrc' })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(await call(1, 'export:audit', { path: '/tmp/anywhere.xlsx' })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(backend.call).not.toHaveBeenCalled();
  });

  it('lets the window that asked use what its dialogs returned, and no other window', async () => {
    const { backend, call, ask } = wired();
    expect(await ask(1, 'rscw:dialog:openFiles', { title: 'Import', extensions: ['xlsx'], multiple: false })).toEqual(['/home/ana/exports/jobs.xlsx']);
    expect(await call(1, 'import:inspect', { path: '/home/ana/exports/jobs.xlsx' })).toEqual({ ok: true, result: 'reached' });
    expect(await call(2, 'import:inspect', { path: '/home/ana/exports/jobs.xlsx' })).toMatchObject({ error: { code: 'PATH_NOT_ALLOWED' } });
    // A file chosen to read is not one to write.
    expect(await call(1, 'export:audit', { path: '/home/ana/exports/jobs.xlsx' })).toMatchObject({ error: { code: 'PATH_NOT_ALLOWED' } });
    await ask(1, 'rscw:dialog:saveFile', { title: 'Export', defaultName: 'audit.xlsx', extensions: ['xlsx'] });
    expect(await call(1, 'export:audit', { path: '/home/ana/out/audit.xlsx' })).toEqual({ ok: true, result: 'reached' });
    expect(backend.call).toHaveBeenCalledTimes(2);
  });

  it('lets a chosen folder be read, with the files in it, and a dropped file be read', async () => {
    const { call, ask, dialog } = wired();
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/ana/resumes'] });
    await ask(1, 'rscw:dialog:openFolder', { title: 'Folder' });
    expect(await call(1, 'resumes:attach', { folder: '/home/ana/resumes' })).toMatchObject({ ok: true });
    expect(await call(1, 'resumes:attach', { folder: '/home/ana' })).toMatchObject({ error: { code: 'PATH_NOT_ALLOWED' } });
    expect(await ask(1, 'rscw:dropped', '/home/ana/Desktop/candidates.csv')).toBe(true);
    expect(await call(1, 'import:inspect', { path: '/home/ana/Desktop/candidates.csv' })).toMatchObject({ ok: true });
    expect(await ask(1, 'rscw:dropped', '')).toBe(false);
  });

  it('checks every file of a list: resume files chosen in a dialog, and none slipped in beside them', async () => {
    const { backend, call, ask, dialog } = wired();
    dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/ana/cv/a.pdf', '/home/ana/cv/b.pdf'] });
    await ask(1, 'rscw:dialog:openFiles', { title: 'Resume files', extensions: ['pdf'], multiple: true });
    expect(await call(1, 'resumes:attach', { files: ['/home/ana/cv/a.pdf', '/home/ana/cv/b.pdf'] })).toMatchObject({ ok: true });
    const refused = await call(1, 'resumes:attach', { files: ['/home/ana/cv/a.pdf', '/home/ana/.ssh/id_rsa'] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    expect(JSON.stringify(refused)).toContain('/home/ana/.ssh/id_rsa');
    expect(backend.call).toHaveBeenCalledTimes(1);
  });

  it('opens workspaces from the app folder or the recent list, and forgets a closed window', async () => {
    const { call, ask, grants } = wired();
    expect(await call(1, 'workspace:open', { path: '/home/ana/clients/Acme.rscw' })).toMatchObject({ ok: true });
    expect(await call(1, 'workspace:create', { name: 'New' })).toMatchObject({ ok: true });
    expect(await call(1, 'workspace:open', { path: '/data/workspaces/Other.rscw' })).toMatchObject({ ok: true });
    expect(await call(1, 'workspace:open', { path: '/etc/shadow.rscw' })).toMatchObject({ error: { code: 'PATH_NOT_ALLOWED' } });
    await ask(1, 'rscw:dialog:openFiles', { title: 'Import', extensions: ['xlsx'], multiple: false });
    grants.forget(1);
    expect(await call(1, 'import:inspect', { path: '/home/ana/exports/jobs.xlsx' })).toMatchObject({ error: { code: 'PATH_NOT_ALLOWED' } });
  });
});

describe('links opened in the system browser', () => {
  it('opens LinkedIn and its documentation only', () => {
    expect(mayOpenExternally('https://www.linkedin.com/talent/hire')).toBe(true);
    expect(mayOpenExternally('https://learn.microsoft.com/en-us/linkedin/talent/')).toBe(true);
    for (const url of [
      'https://evil.example/',
      'https://www.linkedin.com.evil.example/',
      'http://www.linkedin.com/',
      'https://user:pw@www.linkedin.com/',
      'https://www.linkedin.com:8443/',
      'file:///etc/passwd',
      'ms-settings:privacy',
      'not a url',
    ]) {
      expect(mayOpenExternally(url), url).toBe(false);
    }
  });

  it('sends only those to the system browser, and never opens a window in the app', () => {
    const opened: string[] = [];
    const handler = externalLinkHandler(async (url) => void opened.push(url));
    expect(handler({ url: 'https://evil.example/login' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://www.linkedin.com/jobs/view/1' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.linkedin.com/jobs/view/1']);
  });
});

describe('the client secret store', () => {
  beforeEach(() => {
    storage.available = true;
    storage.backend = 'gnome_libsecret';
  });

  it('keeps the secret for the session only, and says so, when Linux has only basic_text', () => {
    if (process.platform !== 'linux') return;
    storage.backend = 'basic_text';
    expect(secureStorageAvailable()).toBe(false);
    const dir = tempDir();
    const store = safeStorageSecrets(dir);
    store.set('linkedin.clientSecret', 'shh');
    expect(store.get('linkedin.clientSecret')).toBe('shh');
    expect(store.sessionOnly).toBe(true);
    // Nothing written: a restart starts without it.
    expect(safeStorageSecrets(dir).get('linkedin.clientSecret')).toBeNull();
  });

  it('stores the secret encrypted with a real keyring', () => {
    const dir = tempDir();
    const store = safeStorageSecrets(dir);
    store.set('linkedin.clientSecret', 'shh');
    expect(store.sessionOnly).toBeUndefined();
    expect(safeStorageSecrets(dir).get('linkedin.clientSecret')).toBe('shh');
  });
});

describe('the desktop window and its page', () => {
  it('turns devtools off in a packaged app', () => {
    expect(secureWindowOptions('/p.cjs', { devTools: false }).webPreferences?.devTools).toBe(false);
    expect(secureWindowOptions('/p.cjs', { devTools: true }).webPreferences?.devTools).toBe(true);
  });

  it('denies every permission request and check', () => {
    let request: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => void (request = h as unknown as typeof request),
      setPermissionCheckHandler: (h) => void (check = h as unknown as typeof check),
    });
    const answers: boolean[] = [];
    request!({}, 'media', (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
    expect(check!({}, 'clipboard-read', 'rscw://app', {})).toBe(false);
  });

  it('has a desktop CSP without inline styles or WebSockets', () => {
    expect(DESKTOP_CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(DESKTOP_CONTENT_SECURITY_POLICY).not.toContain('ws:');
    expect(DESKTOP_CONTENT_SECURITY_POLICY).toContain("style-src 'self';");
  });

  it('serves the renderer from its own scheme, with the CSP, and nothing outside it', async () => {
    const dir = tempDir();
    const renderer = join(dir, 'renderer');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>RSC</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'export {}');
    writeFileSync(join(dir, 'secret.txt'), 'no');
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('file:///app/renderer/index.html')).toBe(false);

    const page = await appFileResponse(renderer, APP_ENTRY);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(DESKTOP_CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>RSC</title>');
    expect((await appFileResponse(renderer, 'rscw://app/assets/app.js')).headers.get('content-type')).toMatch(/javascript/);
    expect((await appFileResponse(renderer, 'rscw://app/../secret.txt')).status).not.toBe(200);
    expect((await appFileResponse(renderer, 'rscw://app/%2e%2e%2fsecret.txt')).status).not.toBe(200);
    expect((await appFileResponse(renderer, 'rscw://app/%E0%A4%A')).status).toBe(400);
    expect((await appFileResponse(renderer, 'rscw://other/index.html')).status).toBe(404);
  });
});
