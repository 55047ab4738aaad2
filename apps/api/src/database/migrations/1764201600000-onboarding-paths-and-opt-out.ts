import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Ids of paths, steps and reasons: the catalogue's (libs/contracts paths/catalogue.ts), checked there, not listed here. */
const ID = `'^[a-z][a-z0-9_]{0,39}$'`;
const SOURCES = `'teacher', 'parent_link', 'import', 'admin'`;
const CHANNELS = `'e_diary', 'paper', 'phone', 'other'`;

/**
 * Onboarding paths as data, and opting out as a recorded choice:
 * - a school is on a path (`max` for new schools); every existing school goes
 *   on `vk`, the path its data was recorded on; `messenger` goes, since the
 *   path says which app;
 * - step and reason ids become the catalogue's text, checked by shape here and
 *   against the catalogue by the API, so a new path needs no migration;
 * - a class chat has an audience (MAX has one chat with parents and one with
 *   students); history and snapshots name their path; switches are logged;
 * - a person can opt out with the channel used instead. The old blocker
 *   "refuses Sferum" becomes exactly that, with its history;
 * - counters gain `overall` (a person's status as a whole) and `opted_out`,
 *   recounted here for every class.
 */
export class OnboardingPathsAndOptOut1764201600000 implements MigrationInterface {
  name = 'OnboardingPathsAndOptOut1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);

    await q(
      `ALTER TABLE school ADD COLUMN path_id text NOT NULL DEFAULT 'vk' CONSTRAINT school_path_id_format CHECK (path_id ~ ${ID})`,
    );
    await q(`ALTER TABLE school ALTER COLUMN path_id SET DEFAULT 'max'`);
    await q(`ALTER TABLE school ADD COLUMN path_changed_at timestamptz`);
    await q(`ALTER TABLE school DROP COLUMN messenger`);

    await q(`
      CREATE TABLE school_path_change (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        district_id uuid NOT NULL,
        school_id uuid NOT NULL,
        from_path_id text NOT NULL CHECK (from_path_id ~ ${ID}),
        to_path_id text NOT NULL CHECK (to_path_id ~ ${ID}),
        actor_staff_id uuid REFERENCES staff_user (id) ON DELETE SET NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT school_path_change_school_fk FOREIGN KEY (school_id, district_id) REFERENCES school (id, district_id) ON DELETE CASCADE,
        CONSTRAINT school_path_change_differs CHECK (from_path_id <> to_path_id)
      )`);
    await q(`CREATE INDEX school_path_change_school_idx ON school_path_change (school_id, changed_at)`);

    await q(`
      CREATE TABLE school_step_note (
        school_id uuid NOT NULL,
        district_id uuid NOT NULL,
        path_id text NOT NULL CHECK (path_id ~ ${ID}),
        step text NOT NULL CHECK (step ~ ${ID}),
        note text NOT NULL CHECK (length(btrim(note)) BETWEEN 1 AND 300),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (school_id, path_id, step),
        CONSTRAINT school_step_note_school_fk FOREIGN KEY (school_id, district_id) REFERENCES school (id, district_id) ON DELETE CASCADE
      )`);

    await q(`ALTER TABLE person_step DROP CONSTRAINT person_step_step_check`);
    await q(`ALTER TABLE person_step ADD CONSTRAINT person_step_step_format CHECK (step ~ ${ID})`);
    await q(`ALTER TABLE person_step DROP CONSTRAINT person_step_blocker_reason_check`);
    await q(`ALTER TABLE person_step ADD CONSTRAINT person_step_reason_format CHECK (blocker_reason ~ ${ID})`);
    await q(`ALTER TABLE chat_membership DROP CONSTRAINT chat_membership_blocker_reason_check`);
    await q(`ALTER TABLE chat_membership ADD CONSTRAINT chat_membership_reason_format CHECK (blocker_reason ~ ${ID})`);

    await q(
      `ALTER TABLE chat ADD COLUMN audience text NOT NULL DEFAULT 'all' CHECK (audience IN ('all', 'students', 'parents'))`,
    );
    await q(`UPDATE chat SET audience = 'students' WHERE kind = 'subject'`);
    await q(
      `ALTER TABLE chat ADD CONSTRAINT chat_audience_of_kind CHECK (kind = 'class' OR audience = (CASE kind WHEN 'subject' THEN 'students' ELSE 'all' END))`,
    );
    await q(`DROP INDEX chat_one_class_chat`);
    await q(
      `CREATE UNIQUE INDEX chat_one_class_chat ON chat (class_id, audience) WHERE kind = 'class' AND archived_at IS NULL`,
    );
    await q(`DROP INDEX chat_one_school_chat`);
    await q(
      `CREATE UNIQUE INDEX chat_one_school_chat ON chat (school_id) WHERE kind = 'school' AND archived_at IS NULL`,
    );

    await q(`ALTER TABLE person ADD COLUMN opted_out_at timestamptz`);
    await q(`ALTER TABLE person ADD COLUMN opt_out_channel text CHECK (opt_out_channel IN (${CHANNELS}))`);
    await q(`ALTER TABLE person ADD COLUMN opt_out_note text CHECK (length(opt_out_note) <= 500)`);
    await q(`ALTER TABLE person ADD COLUMN opt_out_source text CHECK (opt_out_source IN (${SOURCES}))`);
    await q(`ALTER TABLE person ADD CONSTRAINT person_opt_out_complete CHECK (
      (opted_out_at IS NULL) = (opt_out_channel IS NULL) AND (opted_out_at IS NULL) = (opt_out_source IS NULL)
      AND (opt_out_note IS NULL OR opted_out_at IS NOT NULL))`);

    await q(`ALTER TABLE progress_event ADD COLUMN path_id text NOT NULL DEFAULT 'vk' CHECK (path_id ~ ${ID})`);
    await q(`ALTER TABLE progress_event ALTER COLUMN path_id DROP DEFAULT`);
    await q(`ALTER TABLE progress_event ADD COLUMN opt_out_channel text CHECK (opt_out_channel IN (${CHANNELS}))`);
    await q(`ALTER TABLE progress_event DROP CONSTRAINT progress_event_step_check`);
    await q(`ALTER TABLE progress_event ADD CONSTRAINT progress_event_step_format CHECK (step ~ ${ID})`);
    await q(`ALTER TABLE progress_event DROP CONSTRAINT progress_event_blocker_reason_check`);
    await q(`ALTER TABLE progress_event ADD CONSTRAINT progress_event_reason_format CHECK (blocker_reason ~ ${ID})`);
    await q(`ALTER TABLE progress_event DROP CONSTRAINT progress_event_one_item`);
    // A step, a chat, or (neither) the person opting out or back in.
    await q(`ALTER TABLE progress_event ADD CONSTRAINT progress_event_one_item CHECK (
      num_nonnulls(step, chat_id) <= 1
      AND ((step IS NULL AND chat_id IS NULL) = (to_status IN ('opted_out', 'participating')))
      AND (opt_out_channel IS NULL OR to_status = 'opted_out'))`);

    await q(`ALTER TABLE class_progress DROP CONSTRAINT class_progress_item_check`);
    await q(`ALTER TABLE class_progress ADD CONSTRAINT class_progress_item_format CHECK (item ~ ${ID})`);
    await q(`ALTER TABLE class_progress DROP CONSTRAINT class_progress_status_check`);
    await q(`ALTER TABLE class_progress ADD CONSTRAINT class_progress_status_check CHECK (status IN (
      'not_started', 'done', 'blocked', 'not_joined', 'joined', 'connected', 'in_progress', 'opted_out'))`);
    await q(`ALTER TABLE class_progress DROP CONSTRAINT class_progress_blocker_reason_check`);
    await q(
      `ALTER TABLE class_progress ADD CONSTRAINT class_progress_reason_format CHECK (blocker_reason = '' OR blocker_reason ~ ${ID})`,
    );

    await q(`ALTER TABLE progress_snapshot ADD COLUMN path_id text NOT NULL DEFAULT 'vk' CHECK (path_id ~ ${ID})`);
    await q(`ALTER TABLE progress_snapshot ALTER COLUMN path_id DROP DEFAULT`);

    await this.refusalsBecomeOptOuts(queryRunner);
    await this.recountEveryClass(queryRunner);
  }

  /**
   * "Refuses Sferum" was a blocker; it is a choice. Whoever had it on a step or
   * chat opts out (channel "other", the old note kept), and that step or chat
   * goes back to where it was before, in history as one change by the admin.
   */
  private async refusalsBecomeOptOuts(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      WITH refusing AS (
        SELECT person_id, min(blocker_note) AS note, max(updated_at) AS at FROM (
          SELECT person_id, blocker_note, updated_at FROM person_step WHERE blocker_reason = 'refuses_sferum'
          UNION ALL
          SELECT person_id, blocker_note, updated_at FROM chat_membership WHERE blocker_reason = 'refuses_sferum'
        ) r GROUP BY person_id
      ),
      opted AS (
        UPDATE person p SET opted_out_at = r.at, opt_out_channel = 'other', opt_out_note = r.note, opt_out_source = 'admin',
                            version = p.version + 1, updated_at = now()
        FROM refusing r WHERE p.id = r.person_id
        RETURNING p.id, p.district_id, p.school_id, r.at
      )
      INSERT INTO progress_event (district_id, school_id, person_id, path_id, from_status, to_status, opt_out_channel, blocker_note, source, change_id, created_at)
      SELECT district_id, school_id, id, 'vk', 'participating', 'opted_out', 'other',
             'Записано как отказ от Сферума до того, как отказ стал выбором', 'admin', gen_random_uuid(), now()
      FROM opted`);
    for (const table of ['person_step', 'chat_membership'] as const) {
      const item = table === 'person_step' ? 'step' : 'chat_id';
      const reset = table === 'person_step' ? 'not_started' : 'not_joined';
      await queryRunner.query(`
        WITH reset AS (
          UPDATE ${table} t SET status = '${reset}', blocker_reason = NULL, blocker_note = NULL, updated_at = now(), updated_source = 'admin'
          WHERE t.blocker_reason = 'refuses_sferum'
          RETURNING t.person_id, t.${item} AS item, t.district_id, t.school_id
        )
        INSERT INTO progress_event (district_id, school_id, person_id, path_id, ${item}, from_status, to_status, source, change_id)
        SELECT district_id, school_id, person_id, 'vk', item, 'blocked', '${reset}', 'admin', gen_random_uuid() FROM reset`);
    }
  }

  /**
   * The counters as the API keeps them from now on (progress/progress.sql.ts
   * at this migration's time): per step, per kind of chat, and `overall`.
   */
  private async recountEveryClass(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM class_progress`);
    await queryRunner.query(`
      WITH members AS (
        SELECT p.class_id, p.id AS person_id, p.kind, p.opted_out_at IS NOT NULL AS opted_out
        FROM person p WHERE p.class_id IS NOT NULL AND p.archived_at IS NULL
        UNION
        SELECT s.class_id, p.id, p.kind, p.opted_out_at IS NOT NULL
        FROM person s JOIN person p ON p.family_id = s.family_id AND p.kind = 'parent' AND p.archived_at IS NULL
        WHERE s.kind = 'student' AND s.archived_at IS NULL
      ),
      counts AS (
        SELECT m.class_id, m.kind, ps.step AS item, CASE WHEN m.opted_out THEN 'opted_out' ELSE ps.status END AS status,
               CASE WHEN m.opted_out THEN '' ELSE COALESCE(ps.blocker_reason, '') END AS reason, count(*)::int AS people
        FROM members m JOIN person_step ps ON ps.person_id = m.person_id
        GROUP BY 1, 2, 3, 4, 5
        UNION ALL
        SELECT m.class_id, m.kind, 'chat_' || ch.kind, CASE WHEN m.opted_out THEN 'opted_out' ELSE cm.status END,
               CASE WHEN m.opted_out THEN '' ELSE COALESCE(cm.blocker_reason, '') END, count(*)::int
        FROM members m
        JOIN chat_membership cm ON cm.person_id = m.person_id
        JOIN chat ch ON ch.id = cm.chat_id AND ch.archived_at IS NULL AND (ch.class_id = m.class_id OR ch.kind = 'school')
        GROUP BY 1, 2, 3, 4, 5
        UNION ALL
        SELECT class_id, kind, 'overall', status, '', count(*)::int FROM (
          SELECT m.class_id, m.kind,
                 CASE
                   WHEN m.opted_out THEN 'opted_out'
                   WHEN NOT EXISTS (SELECT 1 FROM person_step ps WHERE ps.person_id = m.person_id AND ps.status <> 'done')
                        AND EXISTS (SELECT 1 FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id
                                    WHERE cm.person_id = m.person_id AND ch.kind = 'class' AND ch.class_id = m.class_id
                                      AND ch.archived_at IS NULL AND cm.status = 'joined') THEN 'connected'
                   WHEN EXISTS (SELECT 1 FROM person_step ps WHERE ps.person_id = m.person_id AND ps.status = 'blocked')
                        OR EXISTS (SELECT 1 FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id
                                   WHERE cm.person_id = m.person_id AND ch.kind = 'class' AND ch.class_id = m.class_id
                                     AND ch.archived_at IS NULL AND cm.status = 'blocked') THEN 'blocked'
                   WHEN EXISTS (SELECT 1 FROM person_step ps WHERE ps.person_id = m.person_id AND ps.status = 'done')
                        OR EXISTS (SELECT 1 FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id
                                   WHERE cm.person_id = m.person_id AND cm.status = 'joined' AND ch.archived_at IS NULL
                                     AND (ch.class_id = m.class_id OR ch.kind = 'school')) THEN 'in_progress'
                   ELSE 'not_started'
                 END AS status
          FROM members m
        ) overall GROUP BY 1, 2, 4
      )
      INSERT INTO class_progress (class_id, district_id, school_id, person_kind, item, status, blocker_reason, people)
      SELECT counts.class_id, c.district_id, c.school_id, counts.kind, counts.item, counts.status, counts.reason, sum(counts.people)::int
      FROM counts JOIN school_class c ON c.id = counts.class_id
      GROUP BY 1, 2, 3, 4, 5, 6, 7`);
  }

  /**
   * Back to the VK-only schema. Refused while any school is on another path
   * (its steps cannot be stored there). Opt-outs are dropped: the history keeps them.
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    const q = (sql: string) => queryRunner.query(sql);
    const others = (await queryRunner.query(
      `SELECT count(*)::int AS n FROM school WHERE path_id <> 'vk'`,
    )) as unknown as Array<{ n: number }>;
    if (others[0]?.n) throw new Error('Schools on a path other than vk: their data cannot be reverted');

    await q(`DELETE FROM class_progress WHERE item = 'overall' OR status IN ('opted_out', 'connected', 'in_progress')`);
    await q(`DELETE FROM progress_event WHERE step IS NULL AND chat_id IS NULL`);
    await q(`ALTER TABLE progress_snapshot DROP COLUMN path_id`);
    await q(`ALTER TABLE class_progress DROP CONSTRAINT class_progress_reason_format`);
    await q(
      `ALTER TABLE class_progress ADD CONSTRAINT class_progress_blocker_reason_check CHECK (blocker_reason IN ('', 'shared_phone', 'forgot_password', 'no_smartphone', 'no_vk_page_wanted', 'refuses_sferum', 'other'))`,
    );
    await q(`ALTER TABLE class_progress DROP CONSTRAINT class_progress_status_check`);
    await q(
      `ALTER TABLE class_progress ADD CONSTRAINT class_progress_status_check CHECK (status IN ('not_started', 'done', 'blocked', 'not_joined', 'joined', 'blocked'))`,
    );
    await q(`ALTER TABLE class_progress DROP CONSTRAINT class_progress_item_format`);
    await q(
      `ALTER TABLE class_progress ADD CONSTRAINT class_progress_item_check CHECK (item IN ('vk_id', 'sferum_profile', 'messenger', 'chat_class', 'chat_subject', 'chat_school'))`,
    );

    await q(`ALTER TABLE progress_event DROP CONSTRAINT progress_event_one_item`);
    await q(
      `ALTER TABLE progress_event ADD CONSTRAINT progress_event_one_item CHECK ((step IS NULL) <> (chat_id IS NULL))`,
    );
    await q(`ALTER TABLE progress_event DROP CONSTRAINT progress_event_reason_format`);
    await q(
      `ALTER TABLE progress_event ADD CONSTRAINT progress_event_blocker_reason_check CHECK (blocker_reason IN ('shared_phone', 'forgot_password', 'no_smartphone', 'no_vk_page_wanted', 'refuses_sferum', 'other'))`,
    );
    await q(`ALTER TABLE progress_event DROP CONSTRAINT progress_event_step_format`);
    await q(
      `ALTER TABLE progress_event ADD CONSTRAINT progress_event_step_check CHECK (step IN ('vk_id', 'sferum_profile', 'messenger'))`,
    );
    await q(`ALTER TABLE progress_event DROP COLUMN opt_out_channel`);
    await q(`ALTER TABLE progress_event DROP COLUMN path_id`);

    await q(`ALTER TABLE person DROP CONSTRAINT person_opt_out_complete`);
    await q(`ALTER TABLE person DROP COLUMN opt_out_source`);
    await q(`ALTER TABLE person DROP COLUMN opt_out_note`);
    await q(`ALTER TABLE person DROP COLUMN opt_out_channel`);
    await q(`ALTER TABLE person DROP COLUMN opted_out_at`);

    await q(`UPDATE chat SET archived_at = COALESCE(archived_at, now()) WHERE kind = 'class' AND audience <> 'all'`);
    await q(`DROP INDEX chat_one_school_chat`);
    await q(`CREATE UNIQUE INDEX chat_one_school_chat ON chat (school_id) WHERE kind = 'school'`);
    await q(`DROP INDEX chat_one_class_chat`);
    await q(`CREATE UNIQUE INDEX chat_one_class_chat ON chat (class_id) WHERE kind = 'class'`);
    await q(`ALTER TABLE chat DROP CONSTRAINT chat_audience_of_kind`);
    await q(`ALTER TABLE chat DROP COLUMN audience`);

    await q(`ALTER TABLE chat_membership DROP CONSTRAINT chat_membership_reason_format`);
    await q(
      `ALTER TABLE chat_membership ADD CONSTRAINT chat_membership_blocker_reason_check CHECK (blocker_reason IN ('shared_phone', 'forgot_password', 'no_smartphone', 'no_vk_page_wanted', 'refuses_sferum', 'other'))`,
    );
    await q(`ALTER TABLE person_step DROP CONSTRAINT person_step_reason_format`);
    await q(
      `ALTER TABLE person_step ADD CONSTRAINT person_step_blocker_reason_check CHECK (blocker_reason IN ('shared_phone', 'forgot_password', 'no_smartphone', 'no_vk_page_wanted', 'refuses_sferum', 'other'))`,
    );
    await q(`ALTER TABLE person_step DROP CONSTRAINT person_step_step_format`);
    await q(
      `ALTER TABLE person_step ADD CONSTRAINT person_step_step_check CHECK (step IN ('vk_id', 'sferum_profile', 'messenger'))`,
    );

    await q(`DROP TABLE school_step_note`);
    await q(`DROP TABLE school_path_change`);
    await q(
      `ALTER TABLE school ADD COLUMN messenger text NOT NULL DEFAULT 'vk_messenger' CHECK (messenger IN ('vk_messenger', 'max'))`,
    );
    await q(`ALTER TABLE school DROP COLUMN path_changed_at`);
    await q(`ALTER TABLE school DROP COLUMN path_id`);
  }
}
