import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join, normalize, sep } from 'node:path';
import JSZip from 'jszip';

/**
 * Unpacks a .zip of resumes into a folder kept beside the workspace (the sync reads the files again
 * when it uploads them, so they must outlive this call). The same archive unpacks to the same folder.
 * Entries that would land outside it (absolute paths, "..") are skipped.
 */
export async function unzipResumes(zipPath: string, workspacePath: string): Promise<string> {
  const bytes = readFileSync(zipPath);
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const target = join(`${workspacePath}-resumes`, `${basename(zipPath).replace(/\.zip$/i, '')}-${digest}`);
  if (existsSync(join(target, '.complete'))) return target;
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new Error(`"${basename(zipPath)}" is not a readable zip archive.`);
  }
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const rel = normalize(entry.name).replace(/^([/\\])+/, '');
    if (rel.startsWith('..') || rel.includes(`${sep}..${sep}`)) continue;
    const out = join(target, rel);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, await entry.async('nodebuffer'));
  }
  mkdirSync(target, { recursive: true });
  // Written last: a crash mid-unpack leaves no marker, so the next attach unpacks again.
  writeFileSync(join(target, '.complete'), '');
  return target;
}
