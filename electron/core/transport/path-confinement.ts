import { existsSync, realpathSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

/**
 * The real location of `path`: symbolic links in its existing part are followed, so a link placed
 * inside an allowed folder cannot lead out of it.
 */
export function realLocation(path: string): string {
  let existing = resolve(path);
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    rest.unshift(existing.slice(parent.length).replace(/^[/\\]/, ''));
    existing = parent;
  }
  let real = existing;
  try {
    real = realpathSync(existing);
  } catch {
    // Unreadable: compared as written, which can only narrow what matches.
  }
  return rest.length ? resolve(real, ...rest) : real;
}

/** Whether `path` lies strictly inside one of `roots` (the roots themselves are not inside). */
export function isInside(path: string, roots: readonly string[]): boolean {
  const real = realLocation(path);
  return roots.some((root) => real.startsWith(realLocation(root) + sep));
}
