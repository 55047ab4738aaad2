import { DEMO_IDS, seedDemoData } from '../src/demo/demo-seed';
import { recountFromSource, storedCounters } from './support/recount';
import { withOwnDatabase } from './support/test-database';

describe('demo data', () => {
  it('loads once: a second load adds nothing and fails nothing', async () => {
    await withOwnDatabase(async (dataSource) => {
      const count = async (table: string): Promise<number> =>
        Number((await dataSource.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

      expect(await seedDemoData(dataSource.manager)).toBeGreaterThan(0);
      const after = { schools: await count('school'), classes: await count('school_class') };
      expect(after.classes).toBeGreaterThanOrEqual(3);

      expect(await seedDemoData(dataSource.manager)).toBe(0);
      expect({ schools: await count('school'), classes: await count('school_class') }).toEqual(after);
      expect(await count('family')).toBe(6);

      // Families at every stage, with counters that match them exactly.
      const statuses = await dataSource.query<Array<{ status: string }>>(`SELECT DISTINCT status FROM person_step`);
      expect(statuses.map((row) => row.status).sort()).toEqual(['blocked', 'done', 'not_started']);
      expect(await storedCounters(dataSource, DEMO_IDS.class5A)).toEqual(await recountFromSource(dataSource, DEMO_IDS.class5A));
      expect(await storedCounters(dataSource, DEMO_IDS.class5A)).not.toEqual([]);
    });
  });
});
