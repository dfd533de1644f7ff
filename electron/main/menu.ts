import type { MenuItemConstructorOptions } from 'electron';
import { basename } from 'node:path';

/** Menu commands the renderer acts on (sent over the menu channel). */
export type MenuCommand =
  | 'workspace:new'
  | 'workspace:open'
  | 'workspace:open-path'
  | 'import'
  | 'export'
  | 'undo'
  | 'redo'
  | 'navigate';

/** The parts of the menu that come from the main process rather than the renderer. */
export interface MenuExtras {
  /** Recent workspaces, newest first. */
  recent: readonly { path: string; name: string; exists: boolean }[];
  openRecent(path: string): void;
  clearRecent(): void;
  revealLog(): void;
}

const NO_EXTRAS: MenuExtras = { recent: [], openRecent: () => {}, clearRecent: () => {}, revealLog: () => {} };
const RECENT_SHOWN = 10;

function recentMenu(extras: MenuExtras): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = extras.recent.slice(0, RECENT_SHOWN).map((r) => ({
    // "&" marks an access key in menu labels; a workspace named "R&D" must show its ampersand.
    label: `${r.name.replaceAll('&', '&&')} — ${basename(r.path).replaceAll('&', '&&')}`,
    enabled: r.exists,
    click: () => extras.openRecent(r.path),
  }));
  if (items.length === 0) return [{ label: 'No recent workspaces', enabled: false }];
  return [...items, { type: 'separator' }, { label: 'Clear Recently Opened', click: () => extras.clearRecent() }];
}

export function menuTemplate(
  send: (command: MenuCommand, arg?: string) => void,
  isMac: boolean,
  openDocs: () => void,
  extras: MenuExtras = NO_EXTRAS,
): MenuItemConstructorOptions[] {
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Workspace…', accelerator: 'CmdOrCtrl+N', click: () => send('workspace:new') },
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => send('workspace:open') },
        { label: 'Open Recent', submenu: recentMenu(extras) },
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
        { type: 'separator' },
        { label: 'Reveal Log File', click: () => extras.revealLog() },
      ],
    },
  ];
}
