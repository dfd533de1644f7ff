import { basename } from 'node:path';
import type { Db } from '../db/connection';
import { getSetting } from '../db/settings-table';

export interface WorkspaceFacts {
  name: string;
  path: string;
  timeZone: string;
}

/** Read from the workspace file itself, so a job in a worker sees what the UI sees. */
export function workspaceFacts(db: Db, path: string): WorkspaceFacts {
  return {
    name: getSetting(db, 'workspace.name') ?? basename(path).replace(/\.rscw$/i, ''),
    path,
    timeZone: getSetting(db, 'workspace.timeZone') ?? 'UTC',
  };
}
