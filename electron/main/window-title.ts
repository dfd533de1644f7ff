import type { WorkspaceInfo } from '../../shared/contract/workspace';

export const APP_TITLE = 'RSC Workbench';

/** The window's title: the open workspace first (it is what tells two windows or taskbar entries apart). */
export function windowTitle(workspace: Pick<WorkspaceInfo, 'name'> | null): string {
  return workspace ? `${workspace.name} — ${APP_TITLE}` : APP_TITLE;
}
