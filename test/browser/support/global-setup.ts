import { execFileSync } from 'node:child_process';
import { ROOT } from './app-server';

// Build the renderer once for every browser test, exactly as `npm run web` does.
export default function setup() {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
