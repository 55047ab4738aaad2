// `npm run migration:generate -- <name>`, `npm run migration:run`, `npm run migration:revert`, `migration:show`:
// the TypeORM CLI on the API's one data source, against DATABASE_URL or the embedded PostgreSQL.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildApi, openDatabase, ROOT } from './stack.mjs';

const [command, name] = process.argv.slice(2);
const COMMANDS = ['generate', 'run', 'revert', 'show'];
if (!COMMANDS.includes(command) || (command === 'generate' && !/^[a-z0-9-]+$/.test(name ?? ''))) {
  console.error(
    'Usage: npm run migration:generate -- <kebab-case-name> | migration:run | migration:revert | migration:show',
  );
  process.exit(2);
}

buildApi();
const database = await openDatabase();
const typeorm = (...args) =>
  spawnSync(
    'npx',
    ['typeorm', ...args, '-d', join(ROOT, 'dist/api/apps/api/src/database/typeorm-cli.data-source.js')],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, DATABASE_URL: database.url },
    },
  ).status;

let status;
if (command === 'generate') {
  // The schema must be current before TypeORM compares it with the entities.
  status = typeorm('migration:run') || typeorm('migration:generate', join('apps/api/src/database/migrations', name));
  if (status === 0) console.log('Add the new class to MIGRATIONS in apps/api/src/database/migrations/index.ts.');
} else {
  status = typeorm(`migration:${command}`);
}
await database.stop();
process.exit(status ?? 1);
