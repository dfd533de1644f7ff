import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { JobProgress } from '../../shared/contract';

// The real shell (electron/main/index.ts) started against a stand-in for the parts of Electron it uses: the
// app's events, one window, IPC, dialogs and the menu. The backend behind it is real, jobs run in worker threads.
const h = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(event: string, fn: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
      return this;
    }
    once(event: string, fn: Listener) {
      return this.on(event, fn);
    }
    emit(event: string, ...args: unknown[]) {
      for (const fn of this.listeners.get(event) ?? []) fn(...args);
    }
  }
  const sent: unknown[][] = [];
  const contents = Object.assign(new Emitter(), {
    id: 7,
    mainFrame: { url: 'rscw://app/index.html' },
    send: (...args: unknown[]) => {
      sent.push(args);
      for (const l of onSend) l(args);
    },
    setWindowOpenHandler: () => undefined,
  });
  const onSend: ((args: unknown[]) => void)[] = [];
  const windows: unknown[] = [];
  let loaded: () => void = () => undefined;
  const windowLoaded = new Promise<void>((r) => (loaded = r));
  let ready: () => void = () => undefined;
  const whenReady = new Promise<void>((r) => (ready = r));
  const state = {
    base: '',
    titles: [] as string[],
    menus: [] as MenuItemConstructorOptions[][],
    revealed: [] as string[],
    quits: 0,
    onQuit: () => undefined as void,
    clearedRecent: 0,
    recentDocuments: [] as string[],
    answers: [] as number[],
    asked: [] as string[],
    ipc: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
    openDialogPaths: [] as string[],
  };
  class FakeWindow extends Emitter {
    webContents = contents;
    constructor() {
      super();
      windows.push(this);
    }
    loadURL() {
      loaded();
      return Promise.resolve();
    }
    setTitle(t: string) {
      state.titles.push(t);
    }
    setRepresentedFilename() {}
    isMinimized() {
      return false;
    }
    restore() {}
    focus() {}
    show() {}
    static getAllWindows() {
      return windows;
    }
  }
  const app = Object.assign(new Emitter(), {
    setName: () => undefined,
    requestSingleInstanceLock: () => true,
    quit: () => {
      state.quits++;
      state.onQuit();
    },
    whenReady: () => whenReady,
    getPath: (name: string) => `${state.base}/${name}`,
    getAppPath: () => process.cwd(),
    getVersion: () => '0.1.0',
    isPackaged: false,
    addRecentDocument: (p: string) => void state.recentDocuments.push(p),
    clearRecentDocuments: () => void state.clearedRecent++,
  });
  return { app, contents, sent, onSend, state, FakeWindow, windowLoaded, start: () => ready() };
});

vi.mock('electron', () => ({
  app: h.app,
  BrowserWindow: h.FakeWindow,
  ipcMain: { handle: (channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => void h.state.ipc.set(channel, fn) },
  dialog: {
    showOpenDialog: async () => ({ canceled: false, filePaths: h.state.openDialogPaths }),
    showSaveDialog: async () => ({ canceled: true }),
    showMessageBoxSync: (...args: unknown[]) => {
      const options = args[args.length - 1] as { message: string };
      h.state.asked.push(options.message);
      return h.state.answers.shift() ?? 0;
    },
    showErrorBox: () => undefined,
  },
  Menu: {
    buildFromTemplate: (t: MenuItemConstructorOptions[]) => t,
    setApplicationMenu: (m: MenuItemConstructorOptions[]) => void h.state.menus.push(m),
  },
  protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
  session: { defaultSession: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined } },
  shell: { openExternal: () => undefined, showItemInFolder: (p: string) => void h.state.revealed.push(p) },
  safeStorage: {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret',
    encryptString: (s: string) => Buffer.from(`enc:${s}`),
    decryptString: (b: Buffer) => b.toString().replace(/^enc:/, ''),
  },
}));

const { tempDir } = await import('../support/temp');
const { Backend } = await import('../../electron/core/backend');
const { JOB_HEADERS } = await import('../integration/importing/support');

const dir = tempDir('rscw-desktop-');
const launched = join(dir, 'clients', 'Acme Hiring.rscw');
const other = join(dir, 'clients', 'Globex.rscw');
const argv = process.argv;

/** A call from the app's own page, as the preload makes it. */
const fromPage = { sender: h.contents, senderFrame: h.contents.mainFrame };
const call = (method: string, input: unknown = {}) =>
  h.state.ipc.get(`rscw:call:${method}`)!(fromPage, input) as Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>;
const menuCommands = () => h.sent.filter((m) => m[0] === 'rscw:menu').map((m) => m.slice(1));
const lastMenu = () => h.state.menus[h.state.menus.length - 1];
const submenu = (items: MenuItemConstructorOptions[], label: string) =>
  items.find((i) => i.label === label)!.submenu as MenuItemConstructorOptions[];
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

beforeAll(async () => {
  h.state.base = join(dir, 'electron-paths');
  mkdirSync(join(dir, 'clients'), { recursive: true });
  for (const p of [launched, other]) new Backend({ transport: 'in-process', dataDir: join(dir, 'scratch'), resourcesDir: dir, jobMode: 'inline', workspacePath: p }).close();
  // Launched by a double-click on Acme Hiring.rscw (Windows and Linux pass it as an argument).
  process.argv = [process.execPath, launched];
  await import('../../electron/main/index');
  h.start();
  await h.windowLoaded;
  h.contents.emit('did-finish-load');
}, 60_000);

afterAll(() => {
  process.argv = argv;
  h.app.emit('will-quit');
});

describe('the desktop app', () => {
  it('opens the workspace it was launched with, and the window title names it', async () => {
    const r = await call('workspace:current');
    expect(r.result).toMatchObject({ path: launched, name: 'Acme Hiring' });
    expect(h.state.titles.at(-1)).toBe('Acme Hiring — RSC Workbench');
  });

  it('hands a workspace file from a second launch to the running window, which may then open it', async () => {
    // Double-clicking Globex.rscw starts a second instance, which passes its arguments and folder here and exits.
    expect((await call('workspace:open', { path: other })).error?.code).toBe('PATH_NOT_ALLOWED');
    h.app.emit('second-instance', {}, ['/opt/RSC Workbench/rsc-workbench', '--no-sandbox', 'Globex.rscw'], join(dir, 'clients'));
    expect(menuCommands().at(-1)).toEqual(['workspace:open-path', other]);
    // The renderer answers the command by opening it: that path was granted to this window.
    expect(await call('workspace:open', { path: other })).toMatchObject({ ok: true, result: { path: other } });
    expect(h.state.titles.at(-1)).toBe('Globex — RSC Workbench');
    expect(h.state.recentDocuments).toContain(other);
    // A second launch without a file only brings the window forward.
    const before = menuCommands().length;
    h.app.emit('second-instance', {}, ['/opt/RSC Workbench/rsc-workbench'], '/');
    expect(menuCommands().length).toBe(before);
  });

  it('lists recent workspaces under File → Open Recent, opens one, and clears the list', async () => {
    const recent = submenu(submenu(lastMenu(), '&File'), 'Open Recent');
    expect(recent.map((i) => i.label)).toEqual(['Globex — Globex.rscw', 'Acme Hiring — Acme Hiring.rscw', undefined, 'Clear Recently Opened']);
    click(recent[1]);
    expect(menuCommands().at(-1)).toEqual(['workspace:open-path', launched]);
    expect(await call('workspace:open', { path: launched })).toMatchObject({ ok: true });
    expect(h.state.titles.at(-1)).toBe('Acme Hiring — RSC Workbench');

    click(submenu(submenu(lastMenu(), '&File'), 'Open Recent').at(-1)!);
    expect(submenu(submenu(lastMenu(), '&File'), 'Open Recent')).toEqual([{ label: 'No recent workspaces', enabled: false }]);
    expect(h.state.clearedRecent).toBe(1);
    expect((await call('workspace:recent')).result).toEqual([]);
  });

  it('lets a dropped folder or file be used by the backend, and nothing else', async () => {
    const resumes = join(dir, 'resumes');
    mkdirSync(resumes);
    expect((await call('resumes:attach', { folder: resumes })).error?.code).toBe('PATH_NOT_ALLOWED');
    // The preload reports the path of what was dropped (webUtils.getPathForFile), then the renderer starts the attach.
    expect(await h.state.ipc.get('rscw:dropped')!(fromPage, resumes)).toBe(true);
    expect((await call('resumes:attach', { folder: resumes })).error?.code).not.toBe('PATH_NOT_ALLOWED');
    const sheet = join(dir, 'dropped.csv');
    writeFileSync(sheet, `${JOB_HEADERS.join(',')}\nJ1,Engineer,Builds,Berlin,Open,https://x.example/1,2025-01-01\n`);
    await h.state.ipc.get('rscw:dropped')!(fromPage, sheet);
    expect(await call('import:inspect', { path: sheet })).toMatchObject({ ok: true, result: { kind: 'csv' } });
  });

  it('asks before quitting while a job runs, and a job cancelled by quitting leaves the workspace as it was', async () => {
    const big = join(dir, 'big.csv');
    const rows = Array.from({ length: 60_000 }, (_, i) => `J${i},Engineer ${i},A description,"Berlin, Germany",Open,https://x.example/${i},2025-01-01`);
    writeFileSync(big, [JOB_HEADERS.join(','), ...rows].join('\n'));
    h.state.openDialogPaths = [big];
    await h.state.ipc.get('rscw:dialog:openFiles')!(fromPage, { title: 'Import', extensions: ['csv'], multiple: false });
    const before = (await call('workspace:counts')).result;

    const quitAttempts: { prevented: boolean }[] = [];
    const attemptQuit = () => {
      const e = { prevented: false, preventDefault: () => void (e.prevented = true) };
      h.app.emit('before-quit', e);
      quitAttempts.push(e);
    };
    const quitting = new Promise<void>((resolve) => {
      h.onSend.push(([channel, name, payload]) => {
        if (channel !== 'rscw:event' || name !== 'job:progress' || (payload as JobProgress).kind !== 'import' || quitAttempts.length) return;
        h.state.answers.push(0, 1); // "Keep Working", then "Quit"
        attemptQuit();
        attemptQuit();
        attemptQuit(); // while the cancelled job rolls back: held, not asked again
        resolve();
      });
    });
    const quit = new Promise<void>((resolve) => (h.state.onQuit = resolve));
    const run = call('import:run', { path: big });
    await quitting;
    expect(h.state.asked).toEqual([expect.stringContaining('is still running. Quit anyway?'), expect.stringContaining('is still running')]);
    expect(quitAttempts.map((a) => a.prevented)).toEqual([true, true, true]);
    expect((await run).error?.code).toBe('CANCELLED');
    await quit;
    expect(h.state.quits).toBe(1);
    expect((await call('workspace:counts')).result).toEqual(before);
    // Once the jobs have stopped, the quit goes through unasked.
    const final = { prevented: false, preventDefault: () => void (final.prevented = true) };
    h.app.emit('before-quit', final);
    expect(final.prevented).toBe(false);
    expect(h.state.asked).toHaveLength(2);
  }, 120_000);

  it('writes a support log, shown by Help → Reveal Log File', () => {
    click(submenu(lastMenu(), '&Help').find((i) => i.label === 'Reveal Log File')!);
    const logFile = join(dir, 'electron-paths', 'logs', 'rsc-workbench.log');
    expect(h.state.revealed).toEqual([logFile]);
    expect(existsSync(logFile)).toBe(true);
    const text = readFileSync(logFile, 'utf8');
    expect(text).toContain(`Workspace open: ${other}`);
    expect(text).toMatch(/Job cancelled: import/);
    expect(text).toMatch(/WARN +import:run failed: CANCELLED/);
    expect(text).not.toContain('big.csv"}'); // calls are logged by method and error, not with their input
  });
});
