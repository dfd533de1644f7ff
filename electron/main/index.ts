// The Electron shell: one secure window, the contract bound to IPC, native dialogs and menus. Thin by design:
// everything the app does lives in electron/core.
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
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

app.setName('RSC Workbench');
if (!app.requestSingleInstanceLock()) app.quit();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let win: BrowserWindow | null = null;
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(import.meta.dirname, '../renderer');
const isAppUrl = (url: string) => (rendererUrl ? url.startsWith(rendererUrl) : isAppFileUrl(url));
const grants = new PathGrants();

function createWindow(backend: Backend) {
  win = new BrowserWindow(secureWindowOptions(join(import.meta.dirname, '../preload/index.cjs'), { devTools: !app.isPackaged }));
  const contentsId = win.webContents.id;
  win.once('ready-to-show', () => win?.show());
  win.webContents.setWindowOpenHandler(externalLinkHandler((url) => shell.openExternal(url)));
  win.webContents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  const unsubscribe = backend.subscribe((name, payload) => win?.webContents.send(EVENT_CHANNEL, name, payload));
  win.on('closed', () => {
    unsubscribe();
    grants.forget(contentsId);
    win = null;
  });
  void win.loadURL(rendererUrl ?? APP_ENTRY);
}

void app.whenReady().then(() => {
  if (rendererUrl) {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DEV_CONTENT_SECURITY_POLICY] } });
    });
  }
  // The app's own files carry the desktop CSP in their responses (see app-protocol).
  protocol.handle(APP_SCHEME, (request) => appFileResponse(rendererDir, request.url));
  denyAllPermissions(session.defaultSession);

  const dataDir = app.getPath('userData');
  const backend = new Backend({
    transport: 'ipc',
    dataDir,
    resourcesDir: app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources'),
    jobMode: 'worker',
    secrets: safeStorageSecrets(dataDir),
    workspacePath: defaultWorkspacePath(dataDir),
  });
  const trusted = trustedSenderCheck(() => win?.webContents ?? null, isAppUrl);
  const places = { folder: defaultWorkspaceFolder(dataDir), recent: () => backend.context.recent.list().map((r) => r.path) };
  bindContract(ipcMain, backend, trusted, (e, method, input) => grants.check(e.sender.id, method, input, places));
  bindDialogs({ ipcMain, dialog, window: () => win, trusted, grants });
  ipcMain.handle('rscw:showInFolder', (e, path: string) => {
    if (trusted(e) && typeof path === 'string') shell.showItemInFolder(path);
  });

  const sendMenu = (command: string, arg?: string) => win?.webContents.send('rscw:menu', command, arg);
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(menuTemplate(sendMenu, process.platform === 'darwin', () => sendMenu('navigate', '/'))),
  );

  createWindow(backend);
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(backend);
  });
  app.on('will-quit', () => backend.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
