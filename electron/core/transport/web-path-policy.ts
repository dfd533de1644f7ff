import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
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
  /** Where uploaded resume files are kept once attached (they are read again by the sync); also readable. */
  resumes: string;
}

export type PathDecision = { ok: true; input: unknown } | { ok: false; error: ContractError };

/**
 * Confines the web harness's backend calls to the folders a browser page has any business with:
 * whoever reaches the WebSocket must not read /etc/passwd or write a file anywhere on the disk.
 * What must outlive the uploads (they are cleared) is moved out of them first: a workspace file
 * uploaded to be opened into the workspaces folder, resume files uploaded to be attached into
 * the resumes folder.
 */
export function webPathPolicy(roots: WebPathRoots, uploads: UploadStore, recentWorkspaces: () => string[] = () => []) {
  return (method: string, input: unknown): PathDecision => {
    const use = pathOfCall(method, input);
    if (!use) return { ok: true, input };
    if (use.access === 'read') {
      // Attached resumes are read again at the next sync, long after uploads are cleared: keep them.
      if (method === 'resumes:attach' && uploads.contains(use.path) && existsSync(use.path)) {
        return { ok: true, input: { ...(input as object), [use.field]: keepUploadedFolder(uploads, use.path, roots.resumes) } };
      }
      if (isInside(use.path, [...roots.read, roots.resumes])) return { ok: true, input };
      return refuse(`In the browser the app reads only files uploaded to it: "${use.path}" is not one. Choose the file again.`);
    }
    if (use.access === 'write') {
      if (isInside(use.path, roots.write)) return { ok: true, input };
      return refuse(`In the browser the app writes files only to its exports folder, not to "${use.path}".`);
    }
    if (isInside(use.path, roots.workspace)) return { ok: true, input };
    // The recent list holds only workspaces already opened here or by the desktop app, which share the data folder.
    if (method === 'workspace:open' && recentWorkspaces().some((r) => resolve(r) === resolve(use.path))) return { ok: true, input };
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

/** Moves the upload holding `path` into `folder`; returns where `path` now is. */
function keepUploadedFolder(uploads: UploadStore, path: string, folder: string): string {
  const upload = uploads.folderOf(path)!;
  mkdirSync(folder, { recursive: true });
  let target = join(folder, basename(upload));
  for (let n = 2; existsSync(target); n++) target = join(folder, `${basename(upload)}-${n}`);
  renameSync(upload, target);
  return join(target, relative(upload, resolve(path)));
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
