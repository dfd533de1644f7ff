/**
 * The contract inputs that name a file or folder on this machine, and what the backend does with
 * them. A transport that cannot trust its caller with the whole disk (the web harness, a window in
 * the desktop app) checks these before the call reaches the backend.
 *
 * - read: the backend reads the file, or the files inside the folder;
 * - write: the backend writes the file (an export may add `<name>-<category>.csv` beside it);
 * - workspace: the backend opens, or creates, a workspace database there.
 */
export type PathAccess = 'read' | 'write' | 'workspace';

const PATH_FIELDS: Record<string, { field: string; access: PathAccess }> = {
  'import:inspect': { field: 'path', access: 'read' },
  'import:run': { field: 'path', access: 'read' },
  'import:loadPreset': { field: 'path', access: 'read' },
  'resumes:attach': { field: 'folder', access: 'read' },
  'import:exportPreset': { field: 'path', access: 'write' },
  'export:audit': { field: 'path', access: 'write' },
  'export:clean': { field: 'path', access: 'write' },
  'workspace:create': { field: 'path', access: 'workspace' },
  'workspace:open': { field: 'path', access: 'workspace' },
};

export interface PathUse {
  field: string;
  access: PathAccess;
  path: string;
}

/** The path a call names, if any (input shapes are checked later by the backend; a non-string is left to it). */
export function pathOfCall(method: string, input: unknown): PathUse | null {
  const spec = Object.hasOwn(PATH_FIELDS, method) ? PATH_FIELDS[method] : undefined;
  if (!spec || typeof input !== 'object' || input === null) return null;
  const value = (input as Record<string, unknown>)[spec.field];
  return typeof value === 'string' ? { ...spec, path: value } : null;
}

/** Methods whose input names a path: a test checks this list against the contract. */
export const PATH_METHODS = Object.keys(PATH_FIELDS);
