import { resolve } from 'node:path';
import type { PathGrants } from './path-grants';

export const WORKSPACE_EXTENSION = 'rscw';

/**
 * The workspace file a launch names: the last argument ending in `.rscw` (Windows and Linux pass a
 * double-clicked file as an argument; switches such as `--no-sandbox` are not files). Relative paths
 * are read against the launching process's folder, which is not this one's for a second instance.
 */
export function workspaceFileFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i];
    if (!arg.startsWith('-') && arg.toLowerCase().endsWith(`.${WORKSPACE_EXTENSION}`)) return resolve(cwd, arg);
  }
  return null;
}

export interface HandOverDeps {
  grants: Pick<PathGrants, 'grant'>;
  /** The app window, once its page can take commands; null before. */
  window(): { id: number; send(command: string, arg: string): void; focus(): void } | null;
}

/**
 * Hands a workspace file the OS gave the app (double-click, a second launch, macOS's open-file) to
 * the window: the path is granted to that window, as a dialog's choice would be, and the window is
 * told to open it. A file that arrives before the page can take it waits for `windowReady`.
 */
export class WorkspaceHandOver {
  private pending: string | null = null;

  constructor(private readonly deps: HandOverDeps) {}

  open(path: string): void {
    const win = this.deps.window();
    if (!win) {
      this.pending = path;
      return;
    }
    this.deps.grants.grant(win.id, 'read', [path]);
    win.send('workspace:open-path', path);
    win.focus();
  }

  /** The file that arrived before any window could take it, taken once (opened at start-up). */
  takePending(): string | null {
    const p = this.pending;
    this.pending = null;
    return p;
  }

  windowReady(): void {
    const p = this.takePending();
    if (p) this.open(p);
  }
}
