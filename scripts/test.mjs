// `npm test`: lint, typecheck, node + DOM tests, then the browser tests in Chromium; ends with one line
// "N passed, N failed" counted from the runners' JSON reports (CI reads that line).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.vitest-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

// The tests' temporary workspaces, files and browser profiles (~1.2 GB in ~150 folders per run) go
// into one folder of this run, removed at the end: left in the system's temp folder, a few dozen
// runs filled a disk.
const scratch = mkdtempSync(join(tmpdir(), 'rscw-test-run-'));

let passed = 0;
let failed = 0;
const bin = (name) => join(root, 'node_modules', '.bin', name);

function step(name, cmd, args) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, FORCE_COLOR: '0', TMPDIR: scratch } });
  return r.status === 0;
}

function check(name, cmd, args) {
  // Lint and typecheck count as one test each: a failure is a failed check, not a silent pass.
  if (step(name, cmd, args)) passed++;
  else {
    failed++;
    console.error(`✗ ${name} failed`);
  }
}

function vitest(name, args, report) {
  const out = join(reports, report);
  const ok = step(name, bin('vitest'), ['run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (!existsSync(out)) {
    failed++;
    console.error(`✗ ${name}: no report (the runner did not finish)`);
    return;
  }
  const r = JSON.parse(readFileSync(out, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numTotalTestSuites > 0 && !ok && r.numFailedTests === 0 ? 1 : 0);
  if (r.numTotalTests === 0) {
    failed++;
    console.error(`✗ ${name}: no test ran`);
  }
}

if (!step('native module', process.execPath, ['scripts/ensure-native.mjs'])) failed++;
check('lint', bin('eslint'), ['.', '--max-warnings=0']);
check('typecheck', bin('vue-tsc'), ['--build']);
vitest('unit and integration tests', [], 'unit.json');
vitest('browser tests (Chromium)', ['--config', 'vitest.browser.config.ts'], 'browser.json');

rmSync(scratch, { recursive: true, force: true });
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
