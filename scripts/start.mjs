// `npm start`: builds the app and launches Electron. The Electron binary is downloaded on first use (Electron ≥ 42
// has no postinstall), and better-sqlite3 is rebuilt for Electron's ABI; where either is impossible, say what to do.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

function fail(lines) {
  console.error(['', ...lines, ''].join('\n'));
  process.exit(1);
}

let bin = electronBinary();
if (!bin) {
  console.log('Downloading Electron (first start only)…');
  try {
    execFileSync(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'inherit', 'pipe'] });
  } catch (err) {
    // The downloader's stack trace helps nobody; its first line says why.
    const why = String(err.stderr ?? '').split('\n').find((l) => l.trim()) ?? 'unknown error';
    console.error(`The download failed: ${why.trim()}`);
  }
  bin = electronBinary();
}
if (!bin) {
  fail([
    'Electron could not be downloaded on this machine, so the desktop window cannot open.',
    'Everything else works without it:',
    '  npm run web               the same app in your browser (prints a local address)',
    '  npm run --silent cli -- --help   the command line',
    'To get the desktop app, run `npm start` on a machine that can reach Electron\'s download servers.',
  ]);
}

const electronVersion = require('electron/package.json').version;
const marker = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', '.electron-abi');
if (!existsSync(marker) || readFileSync(marker, 'utf8') !== electronVersion) {
  console.log(`Building better-sqlite3 for Electron ${electronVersion}…`);
  // ~/.npmrc may set nodedir, which silently builds for Node's ABI instead of Electron's.
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.toLowerCase() === 'npm_config_nodedir') delete env[k];
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'), '-f', '-o', 'better-sqlite3', '-v', electronVersion], {
      stdio: 'inherit',
      env,
      cwd: root,
    });
    execFileSync('node', ['-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, ${JSON.stringify(electronVersion)})`]);
  } catch {
    fail([
      'better-sqlite3 could not be built for Electron (it needs prebuilt binaries or a C++ toolchain).',
      'Run `npm rebuild better-sqlite3` to restore the Node build, and use `npm run web` meanwhile.',
    ]);
  }
}

execFileSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  stdio: 'inherit',
  cwd: root,
});
const child = spawn(bin, ['.'], { stdio: 'inherit', cwd: root });
child.on('exit', (code) => process.exit(code ?? 0));
