import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ContractError } from '../../../shared/contract/define';
import { isInside } from './path-confinement';
import { pathOfCall } from './path-fields';
import type { UploadStore } from './upload-store';

export interface WebPathRoots {
  /** Folders the backend may read from: by default the uploads folder only. */
  read: string[];
  /** Folders the backend may write files into: by default the exports folder only. */
  write: string[];
  /** Folders workspaces may live in: by default the app's workspaces folder. */
  workspace: string[];
}

export type PathDecision = { ok: true; input: unknown } | { ok: false; error: ContractError };

/**
 * Confines the web harness's backend calls to the folders a browser page has any business with:
 * whoever reaches the WebSocket must not read /etc/passwd or write a file anywhere on the disk.
 * A workspace file uploaded to be opened is moved into the workspaces folder first, so clearing
 * the uploads never takes a workspace with it.
 */
export function webPathPolicy(roots: WebPathRoots, uploads: UploadStore) {
  return (method: string, input: unknown): PathDecision => {
    const use = pathOfCall(method, input);
    if (!use) return { ok: true, input };
    if (use.access === 'read') {
      if (isInside(use.path, roots.read)) return { ok: true, input };
      return refuse(`In the browser the app reads only files uploaded to it: "${use.path}" is not one. Choose the file again.`);
    }
    if (use.access === 'write') {
      if (isInside(use.path, roots.write)) return { ok: true, input };
      return refuse(`In the browser the app writes files only to its exports folder, not to "${use.path}".`);
    }
    if (isInside(use.path, roots.workspace)) return { ok: true, input };
    if (method === 'workspace:open' && uploads.contains(use.path) && existsSync(use.path)) {
      const adopted = adoptWorkspace(use.path, roots.workspace[0]);
      uploads.discard(use.path);
      return { ok: true, input: { ...(input as object), [use.field]: adopted } };
    }
    return refuse(`In the browser workspaces live in the app's workspaces folder, not at "${use.path}".`);
  };
}

function refuse(message: string): PathDecision {
  return { ok: false, error: { code: 'PATH_NOT_ALLOWED', message } };
}

/** Moves an uploaded workspace into `folder` under a name no other workspace there has. */
function adoptWorkspace(upload: string, folder: string): string {
  mkdirSync(folder, { recursive: true });
  const name = basename(upload).replace(/\.(rscw|sqlite|db)$/i, '');
  const ext = basename(upload).slice(name.length) || '.rscw';
  let target = join(folder, `${name}${ext}`);
  for (let n = 2; existsSync(target); n++) target = join(folder, `${name} (${n})${ext}`);
  try {
    renameSync(upload, target);
  } catch {
    copyFileSync(upload, target);
    rmSync(upload, { force: true });
  }
  return target;
}
