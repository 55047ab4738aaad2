import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MIGRATIONS } from '../src/database/migrations';
import { runPendingMigrations } from '../src/database/migrate';
import { createMigratedDatabase } from './support/test-database';

describe('migrations', () => {
  it('run on an empty database, revert all the way down, and run again', async () => {
    const serverUrl = process.env.TEST_SERVER_URL;
    if (!serverUrl) throw new Error('TEST_SERVER_URL is not set');
    const database = await createMigratedDatabase(serverUrl);
    const dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: 2 }));
    await dataSource.initialize();
    try {
      const tables = async (): Promise<string[]> =>
        (
          await dataSource.query<Array<{ table_name: string }>>(
            `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
          )
        ).map((row) => row.table_name);

      expect(await tables()).toEqual(expect.arrayContaining(['district', 'school', 'school_class']));
      for (let i = 0; i < MIGRATIONS.length; i += 1) {
        await dataSource.undoLastMigration();
      }
      expect(await tables()).toEqual([]);
      expect(await runPendingMigrations(dataSource)).toHaveLength(MIGRATIONS.length);
      expect(await runPendingMigrations(dataSource)).toEqual([]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
