import { resolve, sep } from 'node:path';
import type { ContractError } from '../../shared/contract/define';
import { pathOfCall } from '../core/transport/path-fields';

type Grant = 'read' | 'folder' | 'write';

/** Where a window may open workspaces without a dialog: the app's own folder and the recent list. */
export interface WorkspacePlaces {
  folder: string;
  recent(): string[];
}

/**
 * The paths each window may hand to the backend: only those the main process's own dialogs
 * returned to it, or files dropped on it. A renderer that names any other path (a compromised
 * page asking for ~/.ssh/id_rsa, or to write over a system file) is refused before the backend
 * sees the call. Grants die with their window.
 */
export class PathGrants {
  private readonly windows = new Map<number, Map<string, Set<Grant>>>();

  grant(windowId: number, kind: Grant, paths: readonly string[]): void {
    const grants = this.windows.get(windowId) ?? new Map<string, Set<Grant>>();
    for (const p of paths) {
      const key = resolve(p);
      grants.set(key, (grants.get(key) ?? new Set()).add(kind));
    }
    this.windows.set(windowId, grants);
  }

  forget(windowId: number): void {
    this.windows.delete(windowId);
  }

  private has(windowId: number, path: string, kind: Grant): boolean {
    return this.windows.get(windowId)?.get(resolve(path))?.has(kind) ?? false;
  }

  private insideGrantedFolder(windowId: number, path: string): boolean {
    const target = resolve(path);
    for (const [granted, kinds] of this.windows.get(windowId) ?? []) {
      if (kinds.has('folder') && target.startsWith(granted + sep)) return true;
    }
    return false;
  }

  /** Null when the call may go ahead, else the error to answer with. */
  check(windowId: number, method: string, input: unknown, places: WorkspacePlaces): ContractError | null {
    const use = pathOfCall(method, input);
    if (!use) return null;
    const p = use.path;
    const inWorkspaceFolder = resolve(p).startsWith(resolve(places.folder) + sep);
    const allowed =
      use.access === 'read'
        ? this.has(windowId, p, 'read') || this.has(windowId, p, 'folder') || this.insideGrantedFolder(windowId, p)
        : use.access === 'write'
          ? this.has(windowId, p, 'write')
          : inWorkspaceFolder ||
            this.has(windowId, p, method === 'workspace:open' ? 'read' : 'write') ||
            places.recent().some((r) => resolve(r) === resolve(p));
    if (allowed) return null;
    return {
      code: 'PATH_NOT_ALLOWED',
      message: `"${p}" was not chosen in a dialog or dropped on this window: choose it again.`,
    };
  }
}
