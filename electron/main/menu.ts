import type { MenuItemConstructorOptions } from 'electron';

/** Menu commands the renderer acts on (sent over the menu channel). */
export type MenuCommand = 'workspace:new' | 'workspace:open' | 'import' | 'export' | 'undo' | 'redo' | 'navigate';

export function menuTemplate(
  send: (command: MenuCommand, arg?: string) => void,
  isMac: boolean,
  openDocs: () => void,
): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Workspace…', accelerator: 'CmdOrCtrl+N', click: () => send('workspace:new') },
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => send('workspace:open') },
        { type: 'separator' },
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => send('import') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => send('export') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        // Undo/redo of record edits goes to the workspace history; text fields keep their own via the renderer.
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: () => send('undo') },
        { label: 'Redo', accelerator: isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y', click: () => send('redo') },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        // The same numbers as the renderer's Ctrl+1…9 (its NAV order).
        { label: 'Dashboard', accelerator: 'CmdOrCtrl+2', click: () => send('navigate', '/dashboard') },
        { label: 'Records', accelerator: 'CmdOrCtrl+4', click: () => send('navigate', '/records') },
        { label: 'Sync', accelerator: 'CmdOrCtrl+5', click: () => send('navigate', '/sync') },
        { label: 'Log', accelerator: 'CmdOrCtrl+6', click: () => send('navigate', '/log') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'RSC Rules', click: () => send('navigate', '/rules') },
        { label: 'About RSC Workbench', click: openDocs },
      ],
    },
  ];
}
