// The Electron shell: one secure window, the contract bound to IPC, native dialogs and menus. Thin by design:
// everything the app does lives in electron/core.
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Backend } from '../core/backend';
import { defaultWorkspacePath } from '../core/paths';
import { bindContract, EVENT_CHANNEL, trustedSenderCheck } from './ipc';
import { CONTENT_SECURITY_POLICY, secureWindowOptions } from './window-options';
import { menuTemplate } from './menu';
import { safeStorageSecrets } from './secrets';

app.setName('RSC Workbench');
if (!app.requestSingleInstanceLock()) app.quit();

let win: BrowserWindow | null = null;
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const isAppUrl = (url: string) =>
  rendererUrl ? url.startsWith(rendererUrl) : url.startsWith(pathToFileURL(rendererFile).href);

function createWindow(backend: Backend) {
  win = new BrowserWindow(secureWindowOptions(join(import.meta.dirname, '../preload/index.cjs')));
  win.once('ready-to-show', () => win?.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  const unsubscribe = backend.subscribe((name, payload) => win?.webContents.send(EVENT_CHANNEL, name, payload));
  win.on('closed', () => {
    unsubscribe();
    win = null;
  });
  if (rendererUrl) void win.loadURL(rendererUrl);
  else void win.loadFile(rendererFile);
}

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

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
  bindContract(ipcMain, backend, trusted);

  ipcMain.handle('rscw:dialog:openFiles', async (e, o: { title: string; extensions: string[]; multiple: boolean }) => {
    if (!trusted(e) || !win) return [];
    const r = await dialog.showOpenDialog(win, {
      title: o.title,
      properties: o.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      filters: [{ name: o.extensions.join(', '), extensions: o.extensions }],
    });
    return r.canceled ? [] : r.filePaths;
  });
  ipcMain.handle('rscw:dialog:openFolder', async (e, o: { title: string }) => {
    if (!trusted(e) || !win) return null;
    const r = await dialog.showOpenDialog(win, { title: o.title, properties: ['openDirectory'] });
    return r.canceled ? null : (r.filePaths[0] ?? null);
  });
  ipcMain.handle('rscw:dialog:saveFile', async (e, o: { title: string; defaultName: string; extensions: string[] }) => {
    if (!trusted(e) || !win) return null;
    const r = await dialog.showSaveDialog(win, {
      title: o.title,
      defaultPath: o.defaultName,
      filters: [{ name: o.extensions.join(', '), extensions: o.extensions }],
    });
    return r.canceled ? null : (r.filePath ?? null);
  });
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
