// `npm run dist` (installers for this platform) and `npm run dist:dir` (the unpacked app, `--dir`): builds out/ and runs
// electron-builder with electron-builder.config.mjs. Extra arguments go to electron-builder (e.g. `-- --linux deb`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (...p) => join(root, 'node_modules', ...p);

// A `nodedir` in ~/.npmrc makes the native rebuild compile against Node's headers instead of Electron's,
// and report success: the installer would then carry a better-sqlite3 that Electron cannot load.
const env = { ...process.env };
for (const k of Object.keys(env)) if (k.toLowerCase() === 'npm_config_nodedir') delete env[k];

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  return r.status ?? 1;
}

let status = run([bin('electron-vite', 'bin', 'electron-vite.js'), 'build']);
if (status === 0) {
  status = run([bin('electron-builder', 'cli.js'), '--config', 'electron-builder.config.mjs', '--publish', 'never', ...process.argv.slice(2)]);
}
// electron-builder rebuilt better-sqlite3 in node_modules for Electron; tests, the CLI and `npm run web` need the Node build back.
run([join(root, 'scripts', 'ensure-native.mjs'), '--quiet']);
if (status !== 0) {
  console.error('\nPackaging failed. better-sqlite3 is compiled for Electron while packaging: see README "Building the installers" for what that needs.');
}
process.exit(status);
