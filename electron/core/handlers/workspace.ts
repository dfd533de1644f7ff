import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { workspaceMethods } from '../../../shared/contract/workspace';
import { ContractFailure } from '../../../shared/contract/define';
import { defineHandlers } from './define';
import { workspaceCounts } from '../workspace/counts';
import { setSetting } from '../db/settings-table';
import { isValidTimeZone } from '../workspace/time-zone';
import { importSampleData } from '../workspace/sample-data';

const APP_VERSION = '0.1.0';

export function defaultWorkspaceFolder(dataDir: string): string {
  return join(dataDir, 'workspaces');
}

function safeFileName(name: string): string {
  return name.replace(/[<>:"/\\|?*\p{Cc}]+/gu, '-').trim() || 'Workspace';
}

export const workspaceHandlers = defineHandlers(workspaceMethods, {
  'app:info': (_input, ctx) => ({
    name: 'RSC Workbench',
    version: APP_VERSION,
    transport: ctx.transport,
    platform: process.platform,
    dataDir: ctx.dataDir,
    workspace: ctx.currentWorkspace()?.info() ?? null,
  }),
  'workspace:current': (_input, ctx) => ctx.currentWorkspace()?.info() ?? null,
  'workspace:create': ({ path, name }, ctx) => {
    const target = path ?? join(defaultWorkspaceFolder(ctx.dataDir), `${safeFileName(name ?? 'Workspace')}.rscw`);
    const session = ctx.openWorkspace(target);
    if (name) setSetting(session.db, 'workspace.name', name);
    const info = session.info();
    ctx.recent.touch(info.path, info.name);
    ctx.emit('workspace:changed', info);
    return info;
  },
  'workspace:open': ({ path }, ctx) => {
    if (!/\.rscw$/i.test(path) && !path.endsWith('.sqlite') && !path.endsWith('.db')) {
      throw new ContractFailure('BAD_WORKSPACE', `"${path}" is not a workspace file: workspaces end in .rscw.`);
    }
    const session = ctx.openWorkspace(path);
    const info = session.info();
    ctx.recent.touch(info.path, info.name);
    ctx.emit('workspace:changed', info);
    return info;
  },
  'workspace:recent': (_input, ctx) => ctx.recent.list(),
  'workspace:counts': (_input, ctx) => workspaceCounts(ctx.workspace().db),
  'workspace:setTimeZone': ({ timeZone }, ctx) => {
    if (!isValidTimeZone(timeZone)) {
      throw new ContractFailure('BAD_TIME_ZONE', `"${timeZone}" is not a time zone: use an IANA name like Europe/Paris.`);
    }
    const session = ctx.workspace();
    setSetting(session.db, 'workspace.timeZone', timeZone);
    const info = session.info();
    ctx.emit('workspace:changed', info);
    return info;
  },
  'workspace:openSample': async (_input, ctx) => {
    const session = ctx.openWorkspace(join(defaultWorkspaceFolder(ctx.dataDir), 'Sample.rscw'));
    setSetting(session.db, 'workspace.name', 'Sample');
    const { n } = session.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number };
    if (n === 0) {
      const samples = join(ctx.resourcesDir, 'samples');
      const files = readdirSync(samples).filter((f) => /\.(xlsx|csv)$/i.test(f));
      await importSampleData(ctx, files.map((f) => join(samples, f)));
    }
    const info = session.info();
    ctx.recent.touch(info.path, info.name);
    ctx.emit('workspace:changed', info);
    ctx.emit('data:changed', { categories: ['jobs', 'candidates', 'applications', 'stages'], reason: 'sample' });
    return info;
  },
});
