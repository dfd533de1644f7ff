// Packs the unpacked app (electron-builder's `dir` target) and checks what it holds: the asar has the built main,
// preload, renderer and every worker bundle; better-sqlite3's native module is unpacked; every import of the
// packaged main, worker and preload bundles resolves inside the package; the fuses are set.
//
//   node scripts/pack-check.mjs              packs for this platform with the real Electron (downloads it if missing)
//   node scripts/pack-check.mjs --stand-in   packs for Linux with a stand-in Electron: no download, no native rebuild
//
// test/shell/packaging.test.ts runs the stand-in form.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import config, { ASAR_UNPACK, ELECTRON_FUSES } from '../electron-builder.config.mjs';

const require = createRequire(import.meta.url);
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Each worker thread's bundle, beside the main bundle (electron/core/jobs/worker-entry.ts). */
export const WORKER_BUNDLES = ['out/main/worker.js', 'out/main/helper-worker.js', 'out/main/read-worker.js'];
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Index in the fuse wire of each option electron-builder's `electronFuses` names (@electron/fuses FuseV1Options). */
const FUSE_INDEX = {
  runAsNode: 0,
  enableCookieEncryption: 1,
  enableNodeOptionsEnvironmentVariable: 2,
  enableNodeCliInspectArguments: 3,
  enableEmbeddedAsarIntegrityValidation: 4,
  onlyLoadAppFromAsar: 5,
  loadBrowserProcessSpecificV8Snapshot: 6,
  grantFileProtocolExtraPrivileges: 7,
};

/**
 * A stand-in for Electron's Linux distribution: a shell script where the binary would be, carrying the fuse
 * wire Electron ships with (sentinel, version 1, length, one byte per fuse), so flipping the fuses is real.
 */
export function makeStandInElectron(dir) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001')]);
  const bin = join(dir, 'electron');
  writeFileSync(bin, Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in Electron"\nexit 0\n# '), wire, Buffer.from('\n')]));
  chmodSync(bin, 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(join(dir, 'version'), require('electron/package.json').version);
  return dir;
}

/**
 * Builds the app (electron-vite) and packs it; resolves to electron-builder's appOutDir. With `privateBuild` the
 * build goes to a folder of its own and is packed from there as out/, so tests that build out/ at the same time
 * cannot pull files from under it.
 */
export async function packDir({ outDir, standIn, privateBuild = false }) {
  const buildOut = privateBuild ? join(outDir, 'build-out') : join(ROOT, 'out');
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, RSCW_BUILD_OUT: buildOut },
  });
  const { build, Platform, Arch } = require('electron-builder');
  let appOutDir = null;
  const overrides = standIn
    ? {
        electronDist: makeStandInElectron(join(outDir, 'electron-stand-in')),
        electronVersion: require('electron/package.json').version,
        // The stand-in has no headers to compile against; the Node build of better-sqlite3 is packed as it is.
        npmRebuild: false,
        buildDependenciesFromSource: false,
      }
    : {};
  await build({
    projectDir: ROOT,
    targets: standIn ? Platform.LINUX.createTarget('dir', Arch.x64) : Platform.current().createTarget('dir'),
    publish: 'never',
    config: {
      ...config,
      ...overrides,
      ...(privateBuild ? { files: [{ from: buildOut, to: 'out', filter: ['**/*', '!**/*.map'] }, ...config.files.filter((f) => !f.startsWith('out/') && !f.startsWith('!out/'))] } : {}),
      directories: { ...config.directories, output: outDir },
      afterPack: async (ctx) => {
        appOutDir = ctx.appOutDir;
      },
    },
  });
  return appOutDir;
}

/** The asar's file tree (with `unpacked` marks), and each file's text wherever it is (inside or unpacked beside it). */
export function readAsar(path) {
  const buf = readFileSync(path);
  const headerSize = buf.readUInt32LE(4);
  const jsonSize = buf.readUInt32LE(12);
  const header = JSON.parse(buf.subarray(16, 16 + jsonSize).toString('utf8'));
  const files = new Map();
  const walk = (node, prefix) => {
    for (const [name, entry] of Object.entries(node.files ?? {})) {
      const p = prefix ? `${prefix}/${name}` : name;
      if (entry.files) walk(entry, p);
      else files.set(p, entry);
    }
  };
  walk(header, '');
  const read = (p) => {
    const e = files.get(p);
    if (!e || e.link) return null;
    if (e.unpacked) return existsSync(join(`${path}.unpacked`, p)) ? readFileSync(join(`${path}.unpacked`, p), 'utf8') : null;
    const start = 8 + headerSize + Number(e.offset);
    return buf.subarray(start, start + e.size).toString('utf8');
  };
  return { files, read };
}

/** The resources folder of a packed app (macOS keeps it inside the .app bundle). */
function resourcesOf(appOutDir) {
  const app = readdirSync(appOutDir).find((n) => n.endsWith('.app'));
  return app ? join(appOutDir, app, 'Contents', 'Resources') : join(appOutDir, 'resources');
}

function electronBinaryOf(appOutDir) {
  const app = readdirSync(appOutDir).find((n) => n.endsWith('.app'));
  if (app) return join(appOutDir, app, 'Contents', 'Frameworks', 'Electron Framework.framework', 'Electron Framework');
  const exe = join(appOutDir, `${config.productName}.exe`);
  return existsSync(exe) ? exe : join(appOutDir, config.executableName);
}

/** The fuse wire of a packed binary, one character per fuse ('0' off, '1' on, 'r' removed). */
export function fuseWire(binary) {
  const buf = readFileSync(binary);
  const at = buf.indexOf(FUSE_SENTINEL);
  if (at < 0) return null;
  const length = buf[at + FUSE_SENTINEL.length + 1];
  const start = at + FUSE_SENTINEL.length + 2;
  return buf.subarray(start, start + length).toString('latin1');
}

// Statements at the start of a line (as bundlers emit them), and calls anywhere.
const SPECIFIERS = [
  /^\s*import\s+(?:[\w$*{}\s,]+\s+from\s*)?["']([^"'\n]+)["']/gm,
  /^\s*export\s+[\w$*{}\s,]+\s+from\s*["']([^"'\n]+)["']/gm,
  /\bimport\(\s*["']([^"'\n]+)["']\s*\)/g,
  /\brequire\(\s*["']([^"'\n]+)["']\s*\)/g,
];

export function specifiersOf(code) {
  const found = new Set();
  for (const re of SPECIFIERS) for (const m of code.matchAll(re)) found.add(m[1]);
  return [...found];
}

const isBuiltin = (s) => s === 'electron' || s.startsWith('node:') || builtinModules.includes(s) || builtinModules.includes(s.split('/')[0]);
const packageNameOf = (s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]);

/** Checks a packed app; resolves to the problems found (none when it is whole) and what was looked at. */
export function checkPackage(appOutDir, { expectFuses = true } = {}) {
  const problems = [];
  const resources = resourcesOf(appOutDir);
  const asarPath = join(resources, 'app.asar');
  if (!existsSync(asarPath)) return { problems: [`no app.asar in ${resources}`], checked: {} };
  const asar = readAsar(asarPath);
  const has = (p) => asar.files.has(p);

  // The built app: main, preload, renderer, worker bundles; no sources.
  for (const p of ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', ...WORKER_BUNDLES]) {
    if (!has(p)) problems.push(`the asar lacks ${p}`);
  }
  const html = asar.read('out/renderer/index.html') ?? '';
  const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => `out/renderer/${m[1]}`);
  if (assets.length === 0) problems.push('the renderer index.html names no built assets');
  for (const a of assets) if (!has(a)) problems.push(`the asar lacks the renderer asset ${a}`);
  for (const p of asar.files.keys()) {
    if (!p.startsWith('node_modules/') && /\.(ts|vue|map)$/.test(p)) problems.push(`the asar holds a source file: ${p}`);
  }

  // The native module: marked unpacked in the asar, and there beside it.
  const nativeModules = [...asar.files.keys()].filter((p) => p.endsWith('.node'));
  const native = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  if (!has(native)) problems.push(`the asar does not list ${native}`);
  for (const p of nativeModules) {
    if (!asar.files.get(p).unpacked) problems.push(`${p} is inside the asar, where the OS cannot load it`);
    if (!existsSync(join(resources, 'app.asar.unpacked', p))) problems.push(`${p} is missing from app.asar.unpacked`);
  }

  // electron-builder unpacks the whole package of a native module (its loader reads files beside the binary).
  for (const [p, e] of asar.files) {
    if (e.unpacked && !p.endsWith('.node') && !existsSync(join(resources, 'app.asar.unpacked', p))) {
      problems.push(`${p} is marked unpacked but missing from app.asar.unpacked`);
    }
  }

  // Every import of the bundles Node runs (main, workers, preload) resolves inside the package.
  const bundles = [...asar.files.keys()].filter((p) => /^out\/(main|preload)\/.*\.(c?js|mjs)$/.test(p));
  const packages = new Set();
  for (const bundle of bundles) {
    for (const s of specifiersOf(asar.read(bundle) ?? '')) {
      if (isBuiltin(s)) continue;
      if (s.startsWith('.')) {
        const target = posix.normalize(posix.join(posix.dirname(bundle), s));
        if (!has(target) && !has(`${target}.js`)) problems.push(`${bundle} imports ${s}, which is not in the package`);
        continue;
      }
      const name = packageNameOf(s);
      if (!has(`node_modules/${name}/package.json`)) problems.push(`${bundle} imports ${s}, but node_modules/${name} is not in the package`);
      else packages.add(name);
    }
  }
  // …and so do those packages' own dependencies, wherever npm placed them.
  const seen = new Set();
  const visit = (dir) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const pkg = JSON.parse(asar.read(`${dir}/package.json`) ?? '{}');
    for (const dep of Object.keys(pkg.dependencies ?? {})) {
      let at = dir;
      let found = null;
      while (at) {
        const candidate = `${at}/node_modules/${dep}`;
        if (has(`${candidate}/package.json`)) {
          found = candidate;
          break;
        }
        const i = at.lastIndexOf('/node_modules/');
        at = i < 0 ? '' : at.slice(0, i);
      }
      if (!found && has(`node_modules/${dep}/package.json`)) found = `node_modules/${dep}`;
      if (found) visit(found);
      else if (!(pkg.optionalDependencies ?? {})[dep]) problems.push(`${dir} needs ${dep}, which is not in the package`);
    }
  };
  for (const name of packages) visit(`node_modules/${name}`);

  // The backend's shipped resources.
  for (const p of ['resources/presets', 'resources/samples/sample-ats-export.xlsx']) {
    if (!existsSync(join(resources, p))) problems.push(`${p} is missing from the package's resources`);
  }

  let fuses = null;
  if (expectFuses) {
    fuses = fuseWire(electronBinaryOf(appOutDir));
    if (!fuses) problems.push('no fuse wire found in the packed Electron binary');
    else {
      for (const [option, on] of Object.entries(ELECTRON_FUSES)) {
        if (fuses[FUSE_INDEX[option]] !== (on ? '1' : '0')) problems.push(`fuse ${option} is ${fuses[FUSE_INDEX[option]]}, not ${on ? 'on' : 'off'}`);
      }
    }
  }
  return {
    problems,
    checked: { asar: asarPath, files: asar.files.size, bundles, packages: [...seen], nativeModules, fuses, unpackPatterns: ASAR_UNPACK },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const standIn = process.argv.includes('--stand-in');
  // A `nodedir` from ~/.npmrc would compile better-sqlite3 against Node's headers instead of Electron's.
  for (const k of Object.keys(process.env)) if (k.toLowerCase() === 'npm_config_nodedir') delete process.env[k];
  const outDir = mkdtempSync(join(tmpdir(), 'rscw-pack-'));
  try {
    const appOutDir = await packDir({ outDir, standIn });
    const { problems, checked } = checkPackage(appOutDir);
    console.log(`Packed ${appOutDir}: ${checked.files} files in the asar, ${checked.bundles?.length} bundles, ${checked.packages?.length} packages, fuses ${checked.fuses}`);
    for (const p of problems) console.error(`✗ ${p}`);
    if (problems.length) process.exitCode = 1;
    else console.log('✓ the package is whole');
  } finally {
    // A real pack rebuilt better-sqlite3 in node_modules for Electron; tests and the CLI need the Node build back.
    if (!standIn) execFileSync(process.execPath, [join(ROOT, 'scripts', 'ensure-native.mjs'), '--quiet'], { stdio: 'inherit' });
    if (!process.argv.includes('--keep')) rmSync(outDir, { recursive: true, force: true });
    else console.log(`Kept ${outDir}`);
  }
}

