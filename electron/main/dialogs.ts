import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { PathGrants } from './path-grants';

export interface DialogDeps {
  ipcMain: Pick<IpcMain, 'handle'>;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  window: () => BrowserWindow | null;
  trusted: (event: IpcMainInvokeEvent) => boolean;
  grants: PathGrants;
}

/**
 * The native dialogs the renderer may ask for. Whatever the user picks is granted to the asking
 * window (see PathGrants): these, and files dropped on it, are the only paths it may pass on.
 */
export function bindDialogs({ ipcMain, dialog, window, trusted, grants }: DialogDeps): void {
  ipcMain.handle('rscw:dialog:openFiles', async (e, o: { title: string; extensions: string[]; multiple: boolean }) => {
    const win = window();
    if (!trusted(e) || !win) return [];
    const r = await dialog.showOpenDialog(win, {
      title: o.title,
      properties: o.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      filters: [{ name: o.extensions.join(', '), extensions: o.extensions }],
    });
    if (r.canceled) return [];
    grants.grant(e.sender.id, 'read', r.filePaths);
    return r.filePaths;
  });
  ipcMain.handle('rscw:dialog:openFolder', async (e, o: { title: string }) => {
    const win = window();
    if (!trusted(e) || !win) return null;
    const r = await dialog.showOpenDialog(win, { title: o.title, properties: ['openDirectory'] });
    const folder = r.canceled ? null : (r.filePaths[0] ?? null);
    if (folder) grants.grant(e.sender.id, 'folder', [folder]);
    return folder;
  });
  ipcMain.handle('rscw:dialog:saveFile', async (e, o: { title: string; defaultName: string; extensions: string[] }) => {
    const win = window();
    if (!trusted(e) || !win) return null;
    const r = await dialog.showSaveDialog(win, {
      title: o.title,
      defaultPath: o.defaultName,
      filters: [{ name: o.extensions.join(', '), extensions: o.extensions }],
    });
    const path = r.canceled ? null : (r.filePath ?? null);
    if (path) grants.grant(e.sender.id, 'write', [path]);
    return path;
  });
  // The preload reports the path of a file dropped on the window (webUtils.getPathForFile): only a
  // real File the user dropped has one, so a page cannot make one up through the bridge.
  ipcMain.handle('rscw:dropped', (e, path: unknown) => {
    if (!trusted(e) || typeof path !== 'string' || path === '') return false;
    grants.grant(e.sender.id, 'read', [path]);
    return true;
  });
}
