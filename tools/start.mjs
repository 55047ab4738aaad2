// `npm start`: builds what changed, starts PostgreSQL (embedded unless
// DATABASE_URL is set), migrates, loads the demo data once, starts the API and
// the web app and prints where to go. Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, startStack } from './stack.mjs';

const webPort = Number(process.env.PORT || 3000);
const apiPort = Number(process.env.API_PORT || 3333);

const build = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'build', '-p', 'api', 'dev-postgres', 'web', '--outputStyle=static'],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
if (build.status !== 0) {
  console.error('\nThe build failed; see above.');
  process.exit(build.status ?? 1);
}

console.log(
  process.env.DATABASE_URL
    ? '\nUsing the PostgreSQL server from DATABASE_URL.'
    : '\nStarting the embedded PostgreSQL (data in .data/postgres)…',
);

let stack;
try {
  stack = await startStack({ seedDemo: true, apiPort, webPort });
} catch (error) {
  console.error(`\nCould not start: ${error.message}`);
  process.exit(1);
}

const { DEMO_ACCOUNTS } = createRequire(import.meta.url)(join(ROOT, 'dist/api/apps/api/src/demo/demo-seed.js'));
const ROLE_NAMES = { district_admin: 'district admin', school_admin: 'school admin', teacher: 'teacher' };
const logins = DEMO_ACCOUNTS.filter((account) => account.password)
  .map((account) => `    ${ROLE_NAMES[account.role].padEnd(15)} ${account.email.padEnd(28)} ${account.password}`)
  .join('\n');

console.log(`
  Sferum Onboarding Tracker is running.

    Open:       ${stack.webUrl}
    API docs:   ${stack.webUrl}/api/docs
    Database:   ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL, data in .data/postgres'}

  Demo accounts (sign in at ${stack.webUrl}/login):
${logins}

  Press Ctrl-C to stop.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await stack.stop();
    console.log('Stopped.');
    process.exit(0);
  });
}
