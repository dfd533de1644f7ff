// Makes sure better-sqlite3's native module loads under this Node (tests, CLI, web harness). After the app has
// been started (which rebuilds it for Electron), the Node build is restored here. `--quiet` prints only on work.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const quiet = process.argv.includes('--quiet');
const require = createRequire(import.meta.url);

function loads() {
  try {
    execFileSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (!loads()) {
  console.error('better-sqlite3 is not built for this Node.js; rebuilding it (about a minute)…');
  execFileSync('npm', ['rebuild', 'better-sqlite3'], { stdio: quiet ? 'ignore' : 'inherit' });
  if (!loads()) {
    console.error('better-sqlite3 still does not load. Reinstall with `npm ci`.');
    process.exit(1);
  }
} else if (!quiet) {
  console.log(`better-sqlite3 ${require('better-sqlite3/package.json').version} loads under Node ${process.version}.`);
}
