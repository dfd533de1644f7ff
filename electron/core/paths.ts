import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'RSC Workbench';

/** The same folder Electron's app.getPath('userData') gives, so the CLI and web harness share it. */
export function defaultDataDir(): string {
  if (process.env.RSCW_DATA_DIR) return process.env.RSCW_DATA_DIR;
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME);
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME);
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_NAME);
}

export function defaultWorkspacePath(dataDir: string): string {
  return join(dataDir, 'workspaces', 'Default.rscw');
}
