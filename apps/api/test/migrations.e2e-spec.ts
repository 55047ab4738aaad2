import { MIGRATIONS } from '../src/database/migrations';
import { runPendingMigrations } from '../src/database/migrate';
import { withOwnDatabase } from './support/test-database';

describe('migrations', () => {
  it('run on an empty database, revert all the way down, and run again', async () => {
    await withOwnDatabase(async (dataSource) => {
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
    });
  });
});
