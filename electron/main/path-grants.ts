import { resolve, sep } from 'node:path';
import type { ContractError } from '../../shared/contract/define';
import { pathsOfCall, type PathUse } from '../core/transport/path-fields';

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

  /** Null when the call may go ahead (every path it names may be used), else the error to answer with. */
  check(windowId: number, method: string, input: unknown, places: WorkspacePlaces): ContractError | null {
    const refused = pathsOfCall(method, input).find((use) => !this.allows(windowId, method, use, places));
    if (!refused) return null;
    return {
      code: 'PATH_NOT_ALLOWED',
      message: `"${refused.path}" was not chosen in a dialog or dropped on this window: choose it again.`,
    };
  }

  private allows(windowId: number, method: string, use: PathUse, places: WorkspacePlaces): boolean {
    const p = use.path;
    if (use.access === 'read') return this.has(windowId, p, 'read') || this.has(windowId, p, 'folder') || this.insideGrantedFolder(windowId, p);
    if (use.access === 'write') return this.has(windowId, p, 'write');
    const inWorkspaceFolder = resolve(p).startsWith(resolve(places.folder) + sep);
    return (
      inWorkspaceFolder ||
      this.has(windowId, p, method === 'workspace:open' ? 'read' : 'write') ||
      places.recent().some((r) => resolve(r) === resolve(p))
    );
  }
}
