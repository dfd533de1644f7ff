import { z } from 'zod';
import { event, method } from './define';
import type { Category } from '../domain';

export interface WorkspaceInfo {
  path: string;
  name: string;
  createdAt: number | null;
  timeZone: string;
}

export interface RecentWorkspace {
  path: string;
  name: string;
  openedAt: number;
  exists: boolean;
}

export interface CategoryCounts {
  total: number;
  compliant: number;
  warning: number;
  error: number;
  unchecked: number;
  excluded: number;
  synced: number;
  syncFailed: number;
}

export type WorkspaceCounts = Record<Category, CategoryCounts>;

export interface AppInfo {
  name: string;
  version: string;
  transport: 'ipc' | 'websocket' | 'in-process';
  platform: string;
  dataDir: string;
  workspace: WorkspaceInfo | null;
}

export const workspaceMethods = {
  'app:info': method<AppInfo>()(z.object({}).strict()),
  'workspace:current': method<WorkspaceInfo | null>()(z.object({}).strict()),
  'workspace:create': method<WorkspaceInfo>()(
    z
      .object({
        /** Absolute path of the new workspace file; omitted: `<name>.rscw` in the default folder. */
        path: z.string().min(1).optional(),
        name: z.string().trim().min(1).max(120).optional(),
      })
      .strict(),
  ),
  'workspace:open': method<WorkspaceInfo>()(z.object({ path: z.string().min(1) }).strict()),
  'workspace:recent': method<RecentWorkspace[]>()(z.object({}).strict()),
  'workspace:counts': method<WorkspaceCounts>()(z.object({}).strict()),
  'workspace:setTimeZone': method<WorkspaceInfo>()(z.object({ timeZone: z.string().min(1) }).strict()),
  /** Creates (or reopens) the "Sample" workspace and imports the bundled sample ATS export into it. */
  'workspace:openSample': method<WorkspaceInfo>()(z.object({}).strict()),
};

export const workspaceEvents = {
  'workspace:changed': event<WorkspaceInfo | null>(),
  /** Records changed: the UI refetches counts and the visible page. */
  'data:changed': event<{ categories: Category[]; reason: string }>(),
};
