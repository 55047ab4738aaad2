import { MIGRATIONS } from '../src/database/migrations';
import { runPendingMigrations } from '../src/database/migrate';
import { seedDemoData } from '../src/demo/demo-seed';
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

  it('take the newest migration back and forth on a database full of data, losing none of the older data', async () => {
    await withOwnDatabase(async (dataSource) => {
      await seedDemoData(dataSource.manager);
      const counts = async () =>
        dataSource.query<Array<{ people: string; steps: string; events: string }>>(
          `SELECT (SELECT count(*) FROM person) AS people, (SELECT count(*) FROM person_step) AS steps,
                  (SELECT count(*) FROM progress_event) AS events`,
        );
      const before = await counts();
      await dataSource.undoLastMigration();
      expect(await runPendingMigrations(dataSource)).toEqual([MIGRATIONS[MIGRATIONS.length - 1].name]);
      expect(await counts()).toEqual(before);
    });
  });
});
