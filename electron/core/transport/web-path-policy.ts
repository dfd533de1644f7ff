import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { ContractError } from '../../../shared/contract/define';
import { isInside } from './path-confinement';
import { pathsOfCall, type PathUse } from './path-fields';
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
type Refused = Extract<PathDecision, { ok: false }>;
/** A path that may be used, and where it is to be found once the call goes ahead (an upload may be moved first). */
type Allowed = { ok: true; path: (kept: Map<string, string>) => string };

/**
 * Confines the web harness's backend calls to the folders a browser page has any business with:
 * whoever reaches the WebSocket must not read /etc/passwd or write a file anywhere on the disk.
 * What must outlive the uploads (they are cleared) is moved out of them first: a workspace file
 * uploaded to be opened into the workspaces folder, resume files uploaded to be attached into
 * the resumes folder.
 */
export function webPathPolicy(roots: WebPathRoots, uploads: UploadStore, recentWorkspaces: () => string[] = () => []) {
  return (method: string, input: unknown): PathDecision => {
    // Every path is judged before any upload is moved: a refused call changes nothing.
    const allowed: [PathUse, Allowed][] = [];
    for (const use of pathsOfCall(method, input)) {
      const decision = decide(method, use);
      if (!decision.ok) return decision;
      allowed.push([use, decision]);
    }
    let decided: unknown = input;
    // An upload moved once serves every path of the call inside it.
    const kept = new Map<string, string>();
    for (const [use, decision] of allowed) {
      const path = decision.path(kept);
      if (path !== use.path) decided = withPath(decided, use, path);
    }
    return { ok: true, input: decided };
  };

  /** Whether the path may be used, and (when it may) where it is to be found once the call goes ahead. */
  function decide(method: string, use: PathUse): Allowed | Refused {
    const as = (path: string): Allowed => ({ ok: true, path: () => path });
    if (use.access === 'read') {
      // Attached resumes are read again at the next sync, long after uploads are cleared: keep them.
      if (method === 'resumes:attach' && uploads.contains(use.path) && existsSync(use.path)) {
        return { ok: true, path: (kept) => keepUploadedFolder(uploads, use.path, roots.resumes, kept) };
      }
      if (isInside(use.path, [...roots.read, roots.resumes])) return as(use.path);
      return refuse(`In the browser the app reads only files uploaded to it: "${use.path}" is not one. Choose the file again.`);
    }
    if (use.access === 'write') {
      if (isInside(use.path, roots.write)) return as(use.path);
      return refuse(`In the browser the app writes files only to its exports folder, not to "${use.path}".`);
    }
    if (isInside(use.path, roots.workspace)) return as(use.path);
    // The recent list holds only workspaces already opened here or by the desktop app, which share the data folder.
    if (method === 'workspace:open' && recentWorkspaces().some((r) => resolve(r) === resolve(use.path))) return as(use.path);
    if (method === 'workspace:open' && uploads.contains(use.path) && existsSync(use.path)) {
      return {
        ok: true,
        path: () => {
          const adopted = adoptWorkspace(use.path, roots.workspace[0]);
          uploads.discard(use.path);
          return adopted;
        },
      };
    }
    return refuse(`In the browser workspaces live in the app's workspaces folder, not at "${use.path}".`);
  }
}

/** The input with one named path replaced (a list field's item at its index). */
function withPath(input: unknown, use: PathUse, path: string): unknown {
  const record = input as Record<string, unknown>;
  if (use.index === undefined) return { ...record, [use.field]: path };
  const list = [...(record[use.field] as unknown[])];
  list[use.index] = path;
  return { ...record, [use.field]: list };
}

function refuse(message: string): Refused {
  return { ok: false, error: { code: 'PATH_NOT_ALLOWED', message } };
}

/** Moves the upload holding `path` into `folder` (once per call: `kept` remembers it); returns where `path` now is. */
function keepUploadedFolder(uploads: UploadStore, path: string, folder: string, kept: Map<string, string>): string {
  const upload = uploads.folderOf(path)!;
  let target = kept.get(upload);
  if (target === undefined) {
    mkdirSync(folder, { recursive: true });
    target = join(folder, basename(upload));
    for (let n = 2; existsSync(target); n++) target = join(folder, `${basename(upload)}-${n}`);
    renameSync(upload, target);
    kept.set(upload, target);
  }
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
