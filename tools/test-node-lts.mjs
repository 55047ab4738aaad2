// `npm run test:node-lts`: the API's unit tests, its production build and a
// few of its end-to-end specs under the Node.js LTS of the Dockerfiles
// (Node 24), whatever Node runs this script: the npm package `node` ships the
// binaries, so `npx -y node@24` is enough. The end-to-end specs use
// DATABASE_URL when set, the embedded PostgreSQL otherwise.
import { spawnSync } from 'node:child_process';
import { ROOT } from './stack.mjs';

const NODE = 'node@24';
const E2E_SPECS = ['health', 'auth', 'roster', 'reports', 'database-outage'].map(
  (name) => `apps/api/test/${name}.e2e-spec.ts`,
);
const STEPS = [
  { name: 'Node version', args: ['--version'] },
  { name: 'API unit tests', args: ['node_modules/jest/bin/jest.js', '-c', 'apps/api/jest.config.cjs'] },
  {
    name: 'API build',
    args: ['node_modules/typescript/bin/tsc', '-p', 'apps/api/tsconfig.app.json', '--outDir', 'dist/api-node-lts'],
  },
  {
    name: 'API end-to-end tests (some)',
    args: ['node_modules/jest/bin/jest.js', '-c', 'apps/api/jest.e2e.config.cjs', '--runInBand', ...E2E_SPECS],
  },
];

const failed = [];
for (const step of STEPS) {
  console.log(`\n=== ${step.name} (${NODE}) ===`);
  const run = spawnSync('npx', ['-y', NODE, ...step.args], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) failed.push(step.name);
}
spawnSync('rm', ['-rf', 'dist/api-node-lts'], { cwd: ROOT });
console.log(failed.length === 0 ? `\nall passed on ${NODE}` : `\nfailed on ${NODE}: ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
