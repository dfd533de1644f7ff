import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, basename } from 'node:path';
import type { RecentWorkspace } from '../../../shared/contract/workspace';

const MAX_RECENT = 12;

/** The recently opened workspaces, kept in the app's data folder (not in any workspace). */
export class RecentList {
  private readonly file: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'recent-workspaces.json');
  }

  list(): RecentWorkspace[] {
    return this.read().map((r) => ({ ...r, exists: existsSync(r.path) }));
  }

  touch(path: string, name = basename(path).replace(/\.rscw$/i, '')): void {
    const rest = this.read().filter((r) => r.path !== path);
    const next = [{ path, name, openedAt: Date.now() }, ...rest].slice(0, MAX_RECENT);
    writeFileSync(this.file, JSON.stringify(next, null, 2));
  }

  clear(): void {
    writeFileSync(this.file, '[]');
  }

  private read(): Omit<RecentWorkspace, 'exists'>[] {
    try {
      const parsed: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      return Array.isArray(parsed) ? (parsed as Omit<RecentWorkspace, 'exists'>[]) : [];
    } catch {
      return [];
    }
  }
}
