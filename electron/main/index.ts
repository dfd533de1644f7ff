// The Electron shell: one secure window, the contract bound to IPC, native dialogs and menus. Thin by design:
// everything the app does lives in electron/core.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Backend } from '../core/backend';
import { defaultWorkspacePath } from '../core/paths';
import { defaultWorkspaceFolder } from '../core/handlers/workspace';
import { bindContract, EVENT_CHANNEL, trustedSenderCheck } from './ipc';
import { DEV_CONTENT_SECURITY_POLICY, secureWindowOptions } from './window-options';
import { menuTemplate } from './menu';
import { safeStorageSecrets } from './secrets';
import { PathGrants } from './path-grants';
import { bindDialogs } from './dialogs';
import { externalLinkHandler } from './external-links';
import { denyAllPermissions } from './session-policy';
import { APP_ENTRY, APP_SCHEME, APP_SCHEME_PRIVILEGES, appFileResponse, isAppUrl as isAppFileUrl } from './app-protocol';
import { WorkspaceHandOver, workspaceFileFromArgv } from './workspace-files';
import { RotatingLog } from './log-file';
import { QuitGuard, quitQuestion } from './quit-guard';
import { APP_TITLE, windowTitle } from './window-title';
import { CLIENT_SECRET_NAME } from '../core/syncing/settings';
import type { WorkspaceInfo } from '../../shared/contract/workspace';
import type { JobFinished, JobInfo } from '../../shared/contract/jobs';

app.setName(APP_TITLE);
// One instance: a second launch (double-clicking another .rscw) hands its file to this one and exits.
const primary = app.requestSingleInstanceLock();
if (!primary) app.quit();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let win: BrowserWindow | null = null;
let pageReady = false;
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(import.meta.dirname, '../renderer');
const isAppUrl = (url: string) => (rendererUrl ? url.startsWith(rendererUrl) : isAppFileUrl(url));
const grants = new PathGrants();
const handOver = new WorkspaceHandOver({
  grants,
  window: () =>
    win && pageReady
      ? {
          id: win.webContents.id,
          send: (command, arg) => win?.webContents.send('rscw:menu', command, arg),
          focus: () => {
            if (win?.isMinimized()) win.restore();
            win?.focus();
          },
        }
      : null,
});
// macOS hands files over by event, also before the app is ready (a double-click that launches it).
app.on('open-file', (e, path) => {
  e.preventDefault();
  handOver.open(path);
});

function createWindow(backend: Backend, guard: QuitGuard) {
  win = new BrowserWindow(secureWindowOptions(join(import.meta.dirname, '../preload/index.cjs'), { devTools: !app.isPackaged }));
  pageReady = false;
  const contentsId = win.webContents.id;
  win.once('ready-to-show', () => win?.show());
  // Closing the window quits on Windows and Linux; on macOS the app (and its job) stays.
  if (process.platform !== 'darwin') win.on('close', (e) => guard.intercept(e));
  // The title names the workspace (see setWorkspaceTitle), not the page's <title>.
  win.on('page-title-updated', (e) => e.preventDefault());
  win.webContents.on('did-finish-load', () => {
    pageReady = true;
    handOver.windowReady();
  });
  void backend.invoke('workspace:current').then(setWorkspaceTitle, () => setWorkspaceTitle(null));
  win.webContents.setWindowOpenHandler(externalLinkHandler((url) => shell.openExternal(url)));
  win.webContents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  const unsubscribe = backend.subscribe((name, payload) => win?.webContents.send(EVENT_CHANNEL, name, payload));
  win.on('closed', () => {
    unsubscribe();
    grants.forget(contentsId);
    win = null;
    pageReady = false;
  });
  void win.loadURL(rendererUrl ?? APP_ENTRY);
}

function setWorkspaceTitle(workspace: WorkspaceInfo | null) {
  win?.setTitle(windowTitle(workspace));
  if (process.platform === 'darwin') win?.setRepresentedFilename(workspace?.path ?? '');
}

if (primary) void app.whenReady().then(start);

async function start() {
  if (rendererUrl) {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DEV_CONTENT_SECURITY_POLICY] } });
    });
  }
  // The app's own files carry the desktop CSP in their responses (see app-protocol).
  protocol.handle(APP_SCHEME, (request) => appFileResponse(rendererDir, request.url));
  denyAllPermissions(session.defaultSession);

  const dataDir = app.getPath('userData');
  const secrets = safeStorageSecrets(dataDir);
  const log = new RotatingLog({ dir: app.getPath('logs'), knownSecrets: () => [secrets.get(CLIENT_SECRET_NAME)] });
  log.info(`${APP_TITLE} ${app.getVersion()} starting: Electron ${process.versions.electron}, ${process.platform} ${process.arch}`);
  process.on('uncaughtExceptionMonitor', (err) => log.error('Uncaught exception', err));
  process.on('unhandledRejection', (reason) => log.error('Unhandled rejection', reason));
  app.on('render-process-gone', (_e, _contents, details) => log.error(`The window's renderer stopped: ${details.reason} (exit ${details.exitCode})`));
  app.on('child-process-gone', (_e, details) => log.warn(`A ${details.type} process stopped: ${details.reason} (exit ${details.exitCode})`));

  const backend = new Backend({
    transport: 'ipc',
    dataDir,
    resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources'),
    jobMode: 'worker',
    secrets,
    workspacePath: defaultWorkspacePath(dataDir),
  });
  // A workspace file the app was launched with (double-click on Windows and Linux, open-file on macOS).
  const launchFile = workspaceFileFromArgv(process.argv, process.cwd()) ?? handOver.takePending();
  if (launchFile) await openAtLaunch(backend, launchFile, log);
  const trusted = trustedSenderCheck(() => win?.webContents ?? null, isAppUrl);
  const places = { folder: defaultWorkspaceFolder(dataDir), recent: () => backend.context.recent.list().map((r) => r.path) };
  // Failed calls are logged by method and error, never with their input (which may hold a secret or a record).
  const loggedBackend = {
    call: async (method: string, input: unknown) => {
      const r = await backend.call(method, input);
      if (!r.ok) (r.error.code === 'INTERNAL' ? log.error : log.warn).call(log, `${method} failed: ${r.error.code} ${r.error.message}`);
      return r;
    },
  };
  bindContract(ipcMain, loggedBackend, trusted, (e, method, input) => grants.check(e.sender.id, method, input, places));
  bindDialogs({ ipcMain, dialog, window: () => win, trusted, grants });
  ipcMain.handle('rscw:showInFolder', (e, path: string) => {
    if (trusted(e) && typeof path === 'string') shell.showItemInFolder(path);
  });

  const sendMenu = (command: string, arg?: string) => win?.webContents.send('rscw:menu', command, arg);
  const buildMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate(sendMenu, process.platform === 'darwin', () => sendMenu('navigate', '/'), {
          recent: backend.context.recent.list(),
          openRecent: (path) => handOver.open(path),
          clearRecent: () => {
            backend.context.recent.clear();
            app.clearRecentDocuments();
            buildMenu();
          },
          revealLog: () => shell.showItemInFolder(log.path),
        }),
      ),
    );
  buildMenu();
  backend.subscribe((name, payload) => {
    if (name === 'workspace:changed') {
      const workspace = payload as WorkspaceInfo | null;
      setWorkspaceTitle(workspace);
      if (workspace) app.addRecentDocument(workspace.path);
      buildMenu();
      log.info(workspace ? `Workspace open: ${workspace.path}` : 'No workspace open');
    } else if (name === 'job:started') {
      const job = payload as JobInfo;
      log.info(`Job started: ${job.kind} "${job.title}"`);
    } else if (name === 'job:finished') {
      const job = payload as JobFinished;
      const outcome = job.ok ? 'done' : job.cancelled ? 'cancelled' : `failed: ${job.error?.code} ${job.error?.message}`;
      (job.ok || job.cancelled ? log.info : log.warn).call(log, `Job ${outcome}: ${job.kind} "${job.title}" (${job.durationMs} ms)`);
    }
  });

  const guard = new QuitGuard({
    jobs: () => backend.context.jobs.list(),
    cancel: (jobId) => backend.context.jobs.cancel(jobId),
    subscribe: (listener) => backend.subscribe(listener),
    confirm: (running) => {
      const { message, detail } = quitQuestion(running);
      const options = { type: 'warning' as const, buttons: ['Keep Working', 'Quit'], defaultId: 0, cancelId: 0, message, detail };
      return (win ? dialog.showMessageBoxSync(win, options) : dialog.showMessageBoxSync(options)) === 1;
    },
    quit: () => app.quit(),
    log: (message) => log.info(message),
  });
  app.on('before-quit', (e) => guard.intercept(e));

  createWindow(backend, guard);
  app.on('second-instance', (_e, argv, workingDirectory) => {
    const file = workspaceFileFromArgv(argv, workingDirectory);
    if (!win) createWindow(backend, guard);
    if (file) handOver.open(file);
    else if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(backend, guard);
  });
  app.on('will-quit', () => {
    log.info('Quitting');
    backend.close();
  });
}

/** Opens the launch file in the backend before the window asks what is open; a bad file leaves the last workspace open. */
async function openAtLaunch(backend: Backend, path: string, log: RotatingLog) {
  try {
    if (!existsSync(path)) throw new Error(`"${path}" does not exist.`);
    await backend.invoke('workspace:open', { path });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.warn(`Could not open ${path} at launch: ${message}`);
    dialog.showErrorBox('The workspace could not be opened', message);
  }
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
