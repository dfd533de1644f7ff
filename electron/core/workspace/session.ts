import { basename } from 'node:path';
import { openWorkspaceDb, type Db } from '../db/connection';
import type { WorkspaceInfo } from '../../../shared/contract/workspace';
import { getSetting, setSetting } from '../db/settings-table';

/** One open workspace file: the UI-side connection and its identity. */
export class WorkspaceSession {
  readonly db: Db;

  constructor(readonly path: string) {
    this.db = openWorkspaceDb(path);
    if (getSetting(this.db, 'workspace.createdAt') === null) {
      setSetting(this.db, 'workspace.createdAt', String(Date.now()));
    }
  }

  info(): WorkspaceInfo {
    const name = getSetting(this.db, 'workspace.name') ?? basename(this.path).replace(/\.rscw$/i, '');
    const createdAt = Number(getSetting(this.db, 'workspace.createdAt')) || null;
    return { path: this.path, name, createdAt, timeZone: getSetting(this.db, 'workspace.timeZone') ?? 'UTC' };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
