import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';

// The shell modules import 'electron', which cannot load outside an Electron process.
vi.mock('electron', () => ({ safeStorage: {}, app: {}, BrowserWindow: class {}, ipcMain: {}, dialog: {}, shell: {} }));

const { secureWindowOptions, CONTENT_SECURITY_POLICY } = await import('../../electron/main/window-options');
const { bindContract, channelOf, trustedSenderCheck } = await import('../../electron/main/ipc');
const { menuTemplate } = await import('../../electron/main/menu');
const { METHOD_NAMES } = await import('../../shared/contract');
const { Backend } = await import('../../electron/core/backend');
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

function fakeContents(url: string) {
  const mainFrame = { url };
  return { mainFrame } as unknown as WebContents;
}

describe('the Electron shell', () => {
  it('opens its window with the secure defaults', () => {
    const prefs = secureWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/app/preload.cjs');
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('binds one IPC channel per contract method', () => {
    const ipc = fakeIpcMain();
    bindContract(ipc, { call: async () => ({ ok: true, result: null }) }, () => true);
    expect([...ipc.handlers.keys()].sort()).toEqual(METHOD_NAMES.map(channelOf).sort());
  });

  it('rejects a call from an unknown sender without reaching the backend', async () => {
    const ipc = fakeIpcMain();
    const backend = { call: vi.fn(async () => ({ ok: true as const, result: 'reached' })) };
    const appContents = fakeContents('file:///app/renderer/index.html');
    const check = trustedSenderCheck(() => appContents, (url) => url.startsWith('file:///app/'));
    bindContract(ipc, backend, check);
    const handler = ipc.handlers.get(channelOf('app:info'))!;

    const stranger = { sender: fakeContents('https://evil.example/'), senderFrame: { url: 'https://evil.example/' } };
    expect(await handler(stranger as unknown as IpcMainInvokeEvent, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const subFrame = { sender: appContents, senderFrame: { url: 'file:///app/renderer/index.html' } };
    expect(await handler(subFrame as unknown as IpcMainInvokeEvent, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(backend.call).not.toHaveBeenCalled();

    const own = { sender: appContents, senderFrame: appContents.mainFrame };
    expect(await handler(own as unknown as IpcMainInvokeEvent, {})).toEqual({ ok: true, result: 'reached' });
  });

  it('rejects an invalid input with a readable error and changes nothing', async () => {
    const dir = tempDir();
    const backend = new Backend({ transport: 'ipc', dataDir: dir, resourcesDir: dir, jobMode: 'inline' });
    const ipc = fakeIpcMain();
    bindContract(ipc, backend, () => true);
    const handler = ipc.handlers.get(channelOf('workspace:create'))!;
    const r = (await handler({} as IpcMainInvokeEvent, { name: 42, extra: true })) as { ok: boolean; error: { code: string; message: string } };
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.message).toMatch(/name/);
    expect(await backend.invoke('workspace:current')).toBeNull();
    expect(await backend.invoke('workspace:recent')).toEqual([]);
    backend.close();
  });

  it('has File, Edit, View and Help menus whose commands reach the renderer', () => {
    const sent: string[] = [];
    const template = menuTemplate((c) => sent.push(c), false, () => undefined);
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const file = template[0].submenu as { label?: string; click?: () => void }[];
    file.find((i) => i.label === 'Import…')!.click!();
    file.find((i) => i.label === 'Open Workspace…')!.click!();
    expect(sent).toEqual(['import', 'workspace:open']);
  });
});
