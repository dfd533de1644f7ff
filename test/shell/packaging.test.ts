import { describe, expect, it } from 'vitest';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPackage, fuseWire, packDir, readAsar, specifiersOf, WORKER_BUNDLES } from '../../scripts/pack-check.mjs';
import { tempDir } from '../support/temp';

// `npm run dist:dir` as electron-builder runs it, with a stand-in Electron distribution: no download, no native
// rebuild, no network. On a machine with Electron, `node scripts/pack-check.mjs` packs and checks for real.
describe('the packaged app', () => {
  it('holds the built app, unpacks the native module, resolves every import inside the package and sets the fuses', async () => {
    const out = tempDir('rscw-pack-test-');
    try {
      const appOutDir = await packDir({ outDir: out, standIn: true, privateBuild: true });
      const { problems, checked } = checkPackage(appOutDir);
      expect(problems).toEqual([]);

      const asar = readAsar(checked.asar!);
      for (const p of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', ...WORKER_BUNDLES]) {
        expect(asar.files.has(p), p).toBe(true);
      }
      expect(asar.files.get('node_modules/better-sqlite3/build/Release/better_sqlite3.node')?.unpacked).toBe(true);
      // The packages the bundles import were followed, down to better-sqlite3's loader.
      expect(checked.packages).toEqual(expect.arrayContaining(['node_modules/better-sqlite3', 'node_modules/bindings', 'node_modules/exceljs']));
      // RunAsNode off, cookie encryption on, NODE_OPTIONS and --inspect off, asar integrity on, asar only, no file:// privileges.
      expect(checked.fuses).toBe('01001100');

      // The checks are not vacuous: a package missing its unpacked module, a dependency or a fuse is caught.
      const broken = join(out, 'broken');
      cpSync(appOutDir, broken, { recursive: true });
      rmSync(join(broken, 'resources', 'app.asar.unpacked'), { recursive: true });
      const bin = join(broken, 'rsc-workbench');
      const binary = readFileSync(bin);
      binary[binary.indexOf('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX') + 34] = '1'.charCodeAt(0); // sentinel, version, length, then RunAsNode
      writeFileSync(bin, binary);
      expect(fuseWire(bin)?.[0]).toBe('1');
      expect(checkPackage(broken).problems).toEqual(
        expect.arrayContaining([
          'node_modules/better-sqlite3/build/Release/better_sqlite3.node is missing from app.asar.unpacked',
          'node_modules/better-sqlite3/lib/database.js is marked unpacked but missing from app.asar.unpacked',
          'fuse runAsNode is 1, not off',
        ]),
      );
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 240_000);

  it('finds the imports bundlers emit, and not words that look like them', () => {
    const code = [
      'import { app } from "electron";',
      'import Database from "better-sqlite3";',
      'import {',
      '  a,',
      '  b as c',
      '} from "./chunks/x.js";',
      'export { d } from "./chunks/y.js";',
      'const z = await import("./chunks/z.js");',
      'const q = require("exceljs");',
      "send('import', 'workspace:open');",
      'const label = "import from file";',
    ].join('\n');
    expect(specifiersOf(code).sort()).toEqual(['./chunks/x.js', './chunks/y.js', './chunks/z.js', 'better-sqlite3', 'electron', 'exceljs']);
  });
});
