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

/** Where a call names paths: a field holding one path, or (`list`) an array of paths. */
interface PathField {
  field: string;
  access: PathAccess;
  list?: true;
}

const PATH_FIELDS: Record<string, PathField[]> = {
  'import:inspect': [{ field: 'path', access: 'read' }],
  'import:review': [{ field: 'path', access: 'read' }],
  'import:run': [{ field: 'path', access: 'read' }],
  'import:loadPreset': [{ field: 'path', access: 'read' }],
  'resumes:attach': [
    { field: 'folder', access: 'read' },
    { field: 'files', access: 'read', list: true },
  ],
  'import:exportPreset': [{ field: 'path', access: 'write' }],
  'export:audit': [{ field: 'path', access: 'write' }],
  'export:clean': [{ field: 'path', access: 'write' }],
  'workspace:create': [{ field: 'path', access: 'workspace' }],
  'workspace:open': [{ field: 'path', access: 'workspace' }],
};

export interface PathUse {
  field: string;
  access: PathAccess;
  path: string;
  /** The position in a list field, else undefined. */
  index?: number;
}

/**
 * Every path a call names (input shapes are checked later by the backend; a non-string is left to
 * it). A transport must check each one: a call passes only when all of them may be used.
 */
export function pathsOfCall(method: string, input: unknown): PathUse[] {
  const specs = Object.hasOwn(PATH_FIELDS, method) ? PATH_FIELDS[method] : undefined;
  if (!specs || typeof input !== 'object' || input === null) return [];
  const uses: PathUse[] = [];
  for (const { field, access, list } of specs) {
    const value = (input as Record<string, unknown>)[field];
    if (!list && typeof value === 'string') uses.push({ field, access, path: value });
    if (list && Array.isArray(value)) {
      value.forEach((item, index) => {
        if (typeof item === 'string') uses.push({ field, access, path: item, index });
      });
    }
  }
  return uses;
}

/** Methods whose input names a path: a test checks this list against the contract. */
export const PATH_METHODS = Object.keys(PATH_FIELDS);
