// The preload: exposes each contract method as a named function, plus the few native helpers. Nothing generic.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { METHOD_NAMES } from '../../shared/contract';

const methods = Object.fromEntries(
  METHOD_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(`rscw:call:${name}`, input)]),
);

contextBridge.exposeInMainWorld('rscw', {
  methods,
  onEvent(listener: (name: string, payload: unknown) => void) {
    const wrapped = (_e: unknown, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on('rscw:event', wrapped);
    return () => ipcRenderer.removeListener('rscw:event', wrapped);
  },
  onMenu(listener: (command: string, arg?: string) => void) {
    const wrapped = (_e: unknown, command: string, arg?: string) => listener(command, arg);
    ipcRenderer.on('rscw:menu', wrapped);
    return () => ipcRenderer.removeListener('rscw:menu', wrapped);
  },
  openFiles: (o: { title: string; extensions: string[]; multiple: boolean }) => ipcRenderer.invoke('rscw:dialog:openFiles', o),
  openFolder: (o: { title: string }) => ipcRenderer.invoke('rscw:dialog:openFolder', o),
  saveFile: (o: { title: string; defaultName: string; extensions: string[] }) => ipcRenderer.invoke('rscw:dialog:saveFile', o),
  showInFolder: (path: string) => ipcRenderer.invoke('rscw:showInFolder', path),
  // The main process lets this window use a dropped file's path only once told of it here.
  pathForFile: async (file: File) => {
    const path = webUtils.getPathForFile(file);
    if (path) await ipcRenderer.invoke('rscw:dropped', path);
    return path;
  },
});
