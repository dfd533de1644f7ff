import { defineStore } from 'pinia';
import { useAppStore } from './app';
import { useImportStore } from './importing';
import { platform } from './connection';

function editingText(): boolean {
  const el = document.activeElement;
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || (el instanceof HTMLElement && el.isContentEditable);
}

type UndoHandler = { undo(): Promise<unknown>; redo(): Promise<unknown> };

/**
 * Commands from the native menu (Electron) — the browser harness has none. Undo/redo go to whichever
 * history the records store registers.
 */
export const useShellCommands = defineStore('shell-commands', () => {
  let history: UndoHandler | null = null;

  function registerHistory(handler: UndoHandler) {
    history = handler;
  }

  function listen(navigate: (path: string) => void) {
    const bridge = window.rscw;
    if (!bridge) return;
    const app = useAppStore();
    const imp = useImportStore();
    bridge.onMenu((command, arg) => {
      switch (command) {
        case 'navigate':
          if (arg) navigate(arg);
          break;
        case 'workspace:new':
          navigate('/');
          break;
        case 'workspace:open':
          void platform()
            .pickFiles({ title: 'Open a workspace', extensions: ['rscw'] })
            .then(async ([path]) => {
              if (path) await app.openWorkspace(path);
            });
          break;
        // A workspace file the OS handed over (double-click, a second launch) or the Open Recent menu.
        case 'workspace:open-path':
          if (arg) void app.openWorkspace(arg);
          break;
        case 'import':
          navigate('/import');
          imp.reset();
          void imp.chooseFile();
          break;
        case 'export':
          navigate('/export');
          break;
        // The menu's accelerators would otherwise take Ctrl+Z from text fields: a focused field undoes its typing.
        case 'undo':
          if (editingText()) document.execCommand('undo');
          else void history?.undo();
          break;
        case 'redo':
          if (editingText()) document.execCommand('redo');
          else void history?.redo();
          break;
      }
    });
  }

  return { listen, registerHistory };
});
