// `npm test`: every check and test of every project — type checks, ESLint,
// Prettier, the import rules (dependency-cruiser), unit tests, API end-to-end
// tests on a real PostgreSQL and browser tests in headless Chromium — then a
// line per step and one closing line with the totals.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './stack.mjs';

const RESULTS = join(ROOT, '.data/test-results');

const nx = (...args) => ['npx', 'nx', ...args, '--outputStyle=stream'];

const STEPS = [
  { name: 'type checks', commands: [nx('run-many', '-t', 'typecheck')] },
  {
    name: 'ESLint',
    commands: [
      // @nx/enforce-module-boundaries reads the project graph that Nx caches; outside an Nx task it may be missing.
      ['npx', 'nx', 'graph', `--file=${join(RESULTS, 'project-graph.json')}`],
      ['npx', 'eslint', '.'],
    ],
  },
  { name: 'Prettier', commands: [['npx', 'prettier', '--check', '.']] },
  { name: 'import rules', commands: [['node', 'tools/check-dependencies.mjs']] },
  {
    name: 'unit tests',
    commands: [nx('run-many', '-t', 'test')],
    results: ['contracts-unit', 'api-unit', 'web-unit', 'dev-postgres-unit'],
  },
  { name: 'API end-to-end tests', commands: [nx('run', 'api:e2e')], results: ['api-e2e'] },
  { name: 'browser tests', commands: [nx('run', 'web:e2e')], results: ['web-e2e'] },
];

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });
const started = Date.now();
const failedSteps = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

for (const step of STEPS) {
  console.log(`\n=== ${step.name} ===`);
  const stepStarted = Date.now();
  const ok = step.commands.every(
    ([command, ...args]) => spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' }).status === 0,
  );
  if (!ok) failedSteps.push(step.name);
  const seconds = Math.round((Date.now() - stepStarted) / 1000);
  lines.push(`  ${step.name.padEnd(22)} ${ok ? 'passed' : 'FAILED'} (${seconds} s)`);
  for (const name of step.results ?? []) {
    const counts = readCounts(name);
    if (!counts) continue;
    lines.push(`    ${name.padEnd(20)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    for (const key of Object.keys(totals)) totals[key] += counts[key];
  }
}

console.log(`\n=== summary (${Math.round((Date.now() - started) / 1000)} s) ===`);
console.log(lines.join('\n'));
if (failedSteps.length > 0) console.log(`  failed steps: ${failedSteps.join(', ')}`);
if (totals.passed === 0) failedSteps.push('no test ran');
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length > 0 || totals.failed > 0 ? 1 : 0);

/** Counts from a Jest `--json` file or a Playwright JSON report. */
function readCounts(name) {
  const file = join(RESULTS, `${name}.json`);
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if ('numPassedTests' in report) {
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0),
      skipped: report.numPendingTests + (report.numTodoTests ?? 0),
    };
  }
  const stats = report.stats;
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}
