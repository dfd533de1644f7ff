// `npm run web`: the app in a browser, same backend, over a token-guarded WebSocket on 127.0.0.1.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { Backend, memorySecrets } from '../core/backend';
import { defaultDataDir, defaultWorkspacePath } from '../core/paths';
import { startWebServer } from '../core/transport/ws-server';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = defaultDataDir();
const backend = new Backend({
  transport: 'websocket',
  dataDir,
  resourcesDir: join(root, 'resources'),
  jobMode: 'worker',
  // The web harness keeps the client secret in this process only; the Settings page says so.
  secrets: { ...memorySecrets(), sessionOnly: true },
  workspacePath: process.env.RSCW_NO_DEFAULT_WORKSPACE ? undefined : defaultWorkspacePath(dataDir),
});
const server = await startWebServer({
  backend,
  staticDir: join(root, 'dist-web'),
  uploadDir: join(dataDir, 'uploads'),
  port: process.env.RSCW_PORT ? Number(process.env.RSCW_PORT) : 5858,
});
// The first line is machine-read by the browser tests.
console.log(`RSC Workbench is running at ${server.url}`);
console.log('Open that address (it carries this run\'s access token). Press Ctrl+C to stop.');

const stop = async () => {
  await server.close();
  backend.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
