// `npm run admin -- <command> …`: staff administration on DATABASE_URL or the embedded PostgreSQL.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildApi, openDatabase, ROOT } from './stack.mjs';

buildApi();
const database = await openDatabase();
const run = spawnSync('node', [join(ROOT, 'dist/api/apps/api/src/cli/admin.js'), ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: database.url },
});
await database.stop();
process.exit(run.status ?? 1);
