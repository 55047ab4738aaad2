import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source-options';
import { seedDemoData } from '../src/demo/demo-seed';
import { createMigratedDatabase } from './support/test-database';

describe('demo data', () => {
  it('loads once: a second load adds nothing and fails nothing', async () => {
    const serverUrl = process.env.TEST_SERVER_URL;
    if (!serverUrl) throw new Error('TEST_SERVER_URL is not set');
    const database = await createMigratedDatabase(serverUrl);
    const dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: 2 }));
    await dataSource.initialize();
    try {
      const count = async (table: string): Promise<number> =>
        Number((await dataSource.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

      expect(await seedDemoData(dataSource.manager)).toBeGreaterThan(0);
      const after = { schools: await count('school'), classes: await count('school_class') };
      expect(after.classes).toBeGreaterThanOrEqual(3);

      expect(await seedDemoData(dataSource.manager)).toBe(0);
      expect({ schools: await count('school'), classes: await count('school_class') }).toEqual(after);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
