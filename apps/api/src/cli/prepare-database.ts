import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadDatabaseConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { runPendingMigrations } from '../database/migrate';
import { seedDemoData } from '../demo/demo-seed';

/**
 * `node prepare-database.js [--seed-demo]`: migrates the database named by
 * DATABASE_URL and, when asked, loads the demo data (once).
 */
async function main(): Promise<void> {
  const config = loadDatabaseConfig();
  const dataSource = new DataSource({ ...dataSourceOptions(config), extra: { max: 2 } });
  await dataSource.initialize();
  try {
    const applied = await runPendingMigrations(dataSource);
    console.log(applied.length > 0 ? `Migrations applied: ${applied.join(', ')}` : 'Database schema is up to date.');
    if (process.argv.includes('--seed-demo')) {
      const added = await seedDemoData(dataSource.manager);
      console.log(added > 0 ? `Demo data loaded (${added} rows).` : 'Demo data already present.');
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
