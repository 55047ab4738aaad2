import { MIGRATIONS } from '../src/database/migrations';
import { runPendingMigrations } from '../src/database/migrate';
import { seedDemoData } from '../src/demo/demo-seed';
import type { DataSource } from 'typeorm';
import { recountFromSource, storedCounters } from './support/recount';
import { withOwnDatabase } from './support/test-database';
import { firstOf, nth } from './support/pick';

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
      expect(await runPendingMigrations(dataSource)).toEqual([nth(MIGRATIONS, MIGRATIONS.length - 1).name]);
      expect(await counts()).toEqual(before);
    });
  });

  const PATHS_MIGRATION = MIGRATIONS.findIndex(
    (migration) => migration.name === 'OnboardingPathsAndOptOut1764201600000',
  );
  const fromPaths = MIGRATIONS.slice(PATHS_MIGRATION).map((migration) => migration.name);

  it('puts a VK-era school on the vk path with all its data, and takes that back', async () => {
    await withOwnDatabase(async (dataSource) => {
      for (let i = 0; i < fromPaths.length; i += 1) await dataSource.undoLastMigration();
      const ids = await seedVkEra(dataSource);
      const counts = async () =>
        dataSource.query<Array<{ people: string; steps: string; memberships: string }>>(
          `SELECT (SELECT count(*) FROM person) AS people, (SELECT count(*) FROM person_step) AS steps,
                  (SELECT count(*) FROM chat_membership) AS memberships`,
        );
      const before = await counts();
      const eventsBefore = await count(dataSource, `SELECT count(*) FROM progress_event`);

      expect(await runPendingMigrations(dataSource)).toEqual(fromPaths);
      expect(await counts()).toEqual(before);
      // Every school goes on the path its data was recorded on.
      expect(await dataSource.query(`SELECT path_id FROM school`)).toEqual([{ path_id: 'vk' }]);
      // "Refuses Sferum" was a blocker: now it is an opt-out with its note, and the step is back where it was.
      expect(
        await dataSource.query(`SELECT opt_out_channel, opt_out_note FROM person WHERE id = $1`, [ids.refusing]),
      ).toEqual([{ opt_out_channel: 'other', opt_out_note: 'не хотим' }]);
      expect(
        await dataSource.query(
          `SELECT status, blocker_reason FROM person_step WHERE person_id = $1 AND step = 'vk_id'`,
          [ids.refusing],
        ),
      ).toEqual([{ status: 'not_started', blocker_reason: null }]);
      expect(await count(dataSource, `SELECT count(*) FROM progress_event`)).toBe(eventsBefore + 2);
      expect(await count(dataSource, `SELECT count(*) FROM progress_event WHERE path_id <> 'vk'`)).toBe(0);
      // Counters recounted with the new items: the student is connected, the parent opted out.
      expect(await storedCounters(dataSource, ids.classId)).toEqual(await recountFromSource(dataSource, ids.classId));
      expect(await storedCounters(dataSource, ids.classId)).toEqual(
        expect.arrayContaining([
          { personKind: 'student', item: 'overall', status: 'connected', blockerReason: '', people: 1 },
          { personKind: 'parent', item: 'overall', status: 'opted_out', blockerReason: '', people: 1 },
        ]),
      );

      for (let i = 0; i < fromPaths.length; i += 1) await dataSource.undoLastMigration();
      expect(await counts()).toEqual(before);
      expect(await runPendingMigrations(dataSource)).toEqual(fromPaths);
      expect(await counts()).toEqual(before);
    });
  });

  it('refuses to take the path migration back while a school is on MAX, whose steps the old schema cannot hold', async () => {
    await withOwnDatabase(async (dataSource) => {
      await seedDemoData(dataSource.manager);
      for (let i = 1; i < fromPaths.length; i += 1) await dataSource.undoLastMigration();
      await expect(dataSource.undoLastMigration()).rejects.toThrow(/path other than vk/);
      expect(await count(dataSource, `SELECT count(*) FROM person_step WHERE step = 'max_account'`)).toBeGreaterThan(0);
    });
  });
});

async function count(dataSource: DataSource, sql: string): Promise<number> {
  return Number(firstOf(await dataSource.query<Array<{ count: string }>>(sql)).count);
}

/** A school as the VK-era schema held it: a connected student and a parent who refused Sferum as a blocker. */
async function seedVkEra(dataSource: DataSource): Promise<{ classId: string; refusing: string }> {
  const one = async (sql: string, parameters: unknown[] = []) =>
    firstOf(await dataSource.query<Array<{ id: string }>>(sql, parameters)).id;
  const districtId = await one(`INSERT INTO district (name) VALUES ('Район') RETURNING id`);
  const schoolId = await one(
    `INSERT INTO school (district_id, name, messenger) VALUES ($1, 'Школа', 'max') RETURNING id`,
    [districtId],
  );
  const classId = await one(
    `INSERT INTO school_class (district_id, school_id, grade, letter, academic_year) VALUES ($1, $2, 5, 'А', '2025/2026') RETURNING id`,
    [districtId, schoolId],
  );
  const familyId = await one(`INSERT INTO family (district_id, school_id) VALUES ($1, $2) RETURNING id`, [
    districtId,
    schoolId,
  ]);
  const person = (kind: string, name: string) =>
    one(
      `INSERT INTO person (district_id, school_id, family_id, class_id, kind, display_name) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [districtId, schoolId, familyId, kind === 'student' ? classId : null, kind, name],
    );
  const student = await person('student', 'Старов Пётр');
  const refusing = await person('parent', 'Старова Анна');
  const classChat = await one(
    `INSERT INTO chat (district_id, school_id, class_id, kind) VALUES ($1, $2, $3, 'class') RETURNING id`,
    [districtId, schoolId, classId],
  );
  for (const step of ['vk_id', 'sferum_profile', 'messenger']) {
    await dataSource.query(
      `INSERT INTO person_step (person_id, step, district_id, school_id, status) VALUES ($1, $2, $3, $4, 'done')`,
      [student, step, districtId, schoolId],
    );
    const refused = step === 'vk_id';
    await dataSource.query(
      `INSERT INTO person_step (person_id, step, district_id, school_id, status, blocker_reason, blocker_note) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        refusing,
        step,
        districtId,
        schoolId,
        refused ? 'blocked' : 'not_started',
        refused ? 'refuses_sferum' : null,
        refused ? 'не хотим' : null,
      ],
    );
  }
  await dataSource.query(
    `INSERT INTO progress_event (district_id, school_id, person_id, step, from_status, to_status, blocker_reason, source, change_id)
     VALUES ($1, $2, $3, 'vk_id', 'not_started', 'blocked', 'refuses_sferum', 'teacher', gen_random_uuid())`,
    [districtId, schoolId, refusing],
  );
  for (const [personId, status] of [
    [student, 'joined'],
    [refusing, 'not_joined'],
  ] as const) {
    await dataSource.query(
      `INSERT INTO chat_membership (person_id, chat_id, district_id, school_id, status) VALUES ($1, $2, $3, $4, $5)`,
      [personId, classChat, districtId, schoolId, status],
    );
  }
  return { classId, refusing };
}
