import { MAX_PATH, VK_PATH } from '@sferum/contracts';
import { DEMO_IDS, seedDemoData } from '../src/demo/demo-seed';
import { recountFromSource, storedCounters } from './support/recount';
import { withOwnDatabase } from './support/test-database';

describe('demo data', () => {
  it('loads once: a second load adds nothing and fails nothing', async () => {
    await withOwnDatabase(async (dataSource) => {
      const count = async (table: string): Promise<number> =>
        Number((await dataSource.query<Array<{ n: string }>>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);

      expect(await seedDemoData(dataSource.manager)).toBeGreaterThan(0);
      const after = {
        schools: await count('school'),
        classes: await count('school_class'),
        families: await count('family'),
      };
      expect(after.classes).toBeGreaterThanOrEqual(3);

      expect(await seedDemoData(dataSource.manager)).toBe(0);
      expect({
        schools: await count('school'),
        classes: await count('school_class'),
        families: await count('family'),
      }).toEqual(after);
      expect(after.families).toBe(17);

      // Families at every stage, with counters that match them exactly.
      const statuses = await dataSource.query<Array<{ status: string }>>(`SELECT DISTINCT status FROM person_step`);
      expect(statuses.map((row) => row.status).sort()).toEqual(['blocked', 'done', 'not_started']);
      for (const classId of [DEMO_IDS.class5A, DEMO_IDS.class6B]) {
        expect(await storedCounters(dataSource, classId)).toEqual(await recountFromSource(dataSource, classId));
        expect(await storedCounters(dataSource, classId)).not.toEqual([]);
      }
    });
  });

  it('has a MAX school with every MAX blocker and opted-out families, beside a VK school', async () => {
    await withOwnDatabase(async (dataSource) => {
      await seedDemoData(dataSource.manager);
      const paths = await dataSource.query<Array<{ id: string; path_id: string }>>(
        `SELECT id, path_id FROM school ORDER BY id`,
      );
      expect(paths).toEqual([
        { id: DEMO_IDS.school, path_id: MAX_PATH.id },
        { id: DEMO_IDS.vkSchool, path_id: VK_PATH.id },
      ]);
      const reasons = await dataSource.query<Array<{ reason: string }>>(
        `SELECT blocker_reason AS reason FROM person_step WHERE school_id = $1 AND blocker_reason IS NOT NULL
         UNION SELECT blocker_reason FROM chat_membership WHERE school_id = $1 AND blocker_reason IS NOT NULL`,
        [DEMO_IDS.school],
      );
      expect(reasons.map((row) => row.reason).sort()).toEqual(MAX_PATH.blockers.map((blocker) => blocker.id).sort());
      const optedOut = await dataSource.query<Array<{ channel: string; family_id: string }>>(
        `SELECT opt_out_channel AS channel, family_id FROM person WHERE school_id = $1 AND opted_out_at IS NOT NULL`,
        [DEMO_IDS.school],
      );
      expect(new Set(optedOut.map((row) => row.channel))).toEqual(new Set(['e_diary', 'paper']));
      // Each opt-out is in the history too.
      expect(
        Number(
          (
            await dataSource.query<Array<{ n: string }>>(
              `SELECT count(*) AS n FROM progress_event WHERE to_status = 'opted_out'`,
            )
          )[0]?.n,
        ),
      ).toBe(optedOut.length);
      // The MAX class has a chat with parents and one with students; the VK class one for everyone.
      const audiences = await dataSource.query<Array<{ class_id: string; audience: string }>>(
        `SELECT class_id, audience FROM chat WHERE kind = 'class' AND class_id = ANY($1::uuid[]) ORDER BY class_id, audience`,
        [[DEMO_IDS.class5A, DEMO_IDS.class6B]],
      );
      expect(audiences).toEqual([
        { class_id: DEMO_IDS.class5A, audience: 'parents' },
        { class_id: DEMO_IDS.class5A, audience: 'students' },
        { class_id: DEMO_IDS.class6B, audience: 'all' },
      ]);
    });
  });
});
