// `npm run bench [name…]`: runs every bench/*.bench.ts (or the named ones) and prints each figure beside its
// baseline from the same run. Speed targets live here, never in tests.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { BenchResult } from './types';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

function fmt(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

let misses = 0;
for (const file of files) {
  const name = file.replace('.bench.ts', '');
  console.log(`\n## ${name}`);
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as { run(): Promise<BenchResult[]> };
  const results = await mod.run();
  for (const r of results) {
    const base = r.baseline ? `  (baseline ${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit})` : '';
    const ratio = r.ratio !== undefined ? `  ratio ${r.ratio.toFixed(2)}×` : '';
    const target = r.target ? `  target ${r.target} ${r.ok === undefined ? '' : r.ok ? '✓' : '✗ MISSED'}` : '';
    if (r.ok === false) misses++;
    console.log(`- ${r.name}: ${fmt(r.value)} ${r.unit}${base}${ratio}${target}`);
  }
}
console.log(`\n${misses === 0 ? 'All targets met.' : `${misses} target(s) missed.`}`);
