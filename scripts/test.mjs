// `npm test`: every tier, in order, and one closing line that counts them all.
// lint → type check → unit + medium → server integration on PGlite → on PostgreSQL → browser.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureNodeModules, ensureSystemPackages, log, root } from './bootstrap.mjs';

ensureNodeModules();
ensureSystemPackages();
const { ensureTestPostgres } = await import('./test-postgres.mjs');
const { ensureWebBuild } = await import('./web-build.mjs');

const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const want = (tier) => only.length === 0 || only.includes(tier);
const resultsDir = join(root, '.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function step(name, cmd, args, env = {}) {
  log(`── ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (r.status !== 0) failedSteps.push(name);
  return r.status === 0;
}

function vitest(name, projects, env = {}) {
  const out = join(resultsDir, `${name}.json`);
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  const ok = step(name, 'npx', args, env);
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += r.numPassedTests;
    totals.failed += r.numFailedTests;
    totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
    if (!ok && r.numFailedTests === 0) totals.failed += 1; // a suite that failed to load counts as a failure
  } else if (!ok) {
    totals.failed += 1;
  }
}

if (want('lint')) {
  step('engines', process.execPath, [join(root, 'scripts', 'check-engines.mjs')]);
  step('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
}
if (want('typecheck')) {
  step('type check (node)', 'npx', ['tsc', '-p', 'tsconfig.json']);
  step('type check (web)', 'npx', ['tsc', '-p', 'apps/web/tsconfig.json']);
}
if (want('unit')) vitest('unit', ['unit', 'medium']);

let pg = null;
try {
  if (want('db')) {
    vitest('db-pglite', ['db'], { HALL_TEST_DB: 'pglite' });
    pg = await ensureTestPostgres();
    vitest('db-postgres', ['db'], { HALL_TEST_DB: 'postgres', TEST_DATABASE_URL: pg.url });
  }
  if (want('e2e')) {
    ensureWebBuild();
    vitest('e2e', ['e2e']);
  }
} finally {
  pg?.stop();
}

if (failedSteps.length) log(`failed steps: ${failedSteps.join(', ')}`);
if (failedSteps.length && totals.failed === 0) totals.failed = failedSteps.length;
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length || totals.failed ? 1 : 0);
