import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { FolderFile } from './matching';

export interface ScannedFile extends FolderFile {
  absolutePath: string;
  size: number;
  /** Why an archive's entry was not unpacked (no file on disk then). */
  refused?: string;
}

/** Every regular file under `folder` (recursively), hidden files and folders skipped, in name order. */
export function scanFolder(folder: string): ScannedFile[] {
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`"${folder}" is not a folder or a .zip archive.`);
  }
  const out: ScannedFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        out.push({ absolutePath: full, relativePath: relative(folder, full).split(sep).join('/'), name: entry.name, size: statSync(full).size });
      }
    }
  };
  walk(folder);
  return out;
}

/** Files chosen one by one (or uploaded by the browser), matched by their own names. */
export function scanFiles(paths: readonly string[]): ScannedFile[] {
  return paths.map((p) => {
    const absolutePath = resolve(p);
    const stat = statSync(absolutePath, { throwIfNoEntry: false });
    if (!stat?.isFile()) throw new Error(`"${basename(p)}" is not a readable file.`);
    const name = basename(absolutePath);
    return { absolutePath, relativePath: name, name, size: stat.size };
  });
}
