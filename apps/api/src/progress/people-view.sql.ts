/**
 * The class page's statements (people with their steps and chats, the class's
 * chats and counters), in one place: the repository runs them, and the
 * benchmark's bare baseline (bench/baseline-server.mjs) runs exactly the same
 * text.
 */
/** A timestamp as JavaScript's toISOString writes it (UTC, milliseconds): what the API has always answered. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A person of the class view in the contract's shape (RosterPerson), keys in its order; `cv` is the class. */
const ROSTER_PERSON = `json_build_object(
      'id', p.id, 'familyId', p.family_id, 'kind', p.kind, 'displayName', p.display_name, 'classId', p.class_id,
      'version', p.version, 'archived', p.archived_at IS NOT NULL, 'hasPhone', p.phone_hmac IS NOT NULL,
      'sharedPhone', (p.phone_hmac IS NOT NULL AND EXISTS (
         SELECT 1 FROM person o
         WHERE o.school_id = p.school_id AND o.phone_hmac = p.phone_hmac AND o.id <> p.id AND o.archived_at IS NULL
      )),
      'steps', (SELECT COALESCE(json_agg(json_build_object(
                  'step', ps.step, 'status', ps.status, 'blockerReason', ps.blocker_reason,
                  'blockerNote', ps.blocker_note, 'updatedAt', ${iso('ps.updated_at')}, 'updatedSource', ps.updated_source)
                ORDER BY array_position($3::text[], cv.path_id || ' ' || ps.step)), '[]')
         FROM person_step ps WHERE ps.person_id = p.id),
      'chats', (SELECT COALESCE(json_agg(json_build_object(
                  'chatId', cm.chat_id, 'status', cm.status, 'blockerReason', cm.blocker_reason,
                  'blockerNote', cm.blocker_note, 'updatedAt', ${iso('cm.updated_at')}, 'updatedSource', cm.updated_source)
                ORDER BY ch.kind, ch.audience, ch.name), '[]')
         FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id AND ch.archived_at IS NULL
         WHERE cm.person_id = p.id AND (ch.class_id = cv.id OR ch.kind = 'school')),
      'optOut', CASE WHEN p.opted_out_at IS NOT NULL THEN json_build_object(
         'channel', p.opt_out_channel, 'note', p.opt_out_note, 'at', ${iso('p.opted_out_at')}, 'source', p.opt_out_source) END
    )`;

export const PEOPLE_VIEW_SQL = {
  /**
   * The whole class page in one statement, one row: the class with its
   * teachers and its school's path, its chats, its counters, and its students
   * and their families' parents ($2: archived ones too), each person in the
   * contract's shape (steps in the order of the path: $3 is every path's
   * "<path id> <step id>" in order). What is left to Node is grouping the
   * people into families and sorting them by name (Russian collation, as
   * localeCompare does). No row when the class does not exist.
   */
  classView: `WITH cv AS (
      SELECT c.id, c.district_id, c.school_id, c.grade, c.letter, c.academic_year, c.archived_at,
             c.parent_contact, to_char(c.deadline, 'YYYY-MM-DD') AS deadline, s.path_id
      FROM school_class c JOIN school s ON s.id = c.school_id
      WHERE c.id = $1
    ),
    students AS (
      SELECT id, family_id, archived_at FROM person
      WHERE class_id = $1 AND kind = 'student' AND ($2 OR archived_at IS NULL)
    ),
    ids AS (
      SELECT id FROM students
      UNION
      SELECT p.id FROM person p
      WHERE p.kind = 'parent' AND ($2 OR p.archived_at IS NULL)
        AND p.family_id IN (SELECT family_id FROM students WHERE archived_at IS NULL OR $2)
    )
    SELECT cv.id, cv.district_id, cv.school_id, cv.grade, cv.letter, cv.academic_year, cv.archived_at,
           cv.parent_contact, cv.deadline, cv.path_id,
           (SELECT COALESCE(json_agg(json_build_object('id', u.id, 'fullName', u.full_name) ORDER BY u.full_name), '[]')
            FROM teacher_class tc JOIN staff_user u ON u.id = tc.staff_user_id AND u.deactivated_at IS NULL
            WHERE tc.class_id = cv.id) AS teachers,
           (SELECT COALESCE(json_agg(json_build_object(
                     'id', ch.id, 'kind', ch.kind, 'audience', ch.audience, 'name', ch.name,
                     'classId', ch.class_id, 'inviteUrl', ch.invite_url)
                   ORDER BY array_position(ARRAY['class', 'subject', 'school'], ch.kind),
                            array_position(ARRAY['all', 'parents', 'students'], ch.audience), ch.name), '[]')
            FROM chat ch
            WHERE ch.school_id = cv.school_id AND ch.archived_at IS NULL AND (ch.class_id = cv.id OR ch.kind = 'school')) AS chats,
           (SELECT COALESCE(json_agg(json_build_object(
                     'personKind', k.person_kind, 'item', k.item, 'status', k.status, 'people', k.people)
                   ORDER BY k.person_kind, k.item, k.status), '[]')
            FROM (SELECT person_kind, item, status, sum(people)::int AS people FROM class_progress
                  WHERE class_id = cv.id GROUP BY 1, 2, 3) k) AS counters,
           (SELECT COALESCE(json_agg(${ROSTER_PERSON}), '[]')
            FROM person p WHERE p.id IN (SELECT id FROM ids)) AS people
    FROM cv`,

  schoolPath: `SELECT path_id FROM school WHERE id = $1`,
  classChats: `SELECT ch.id, ch.kind, ch.audience, ch.name, ch.class_id AS "classId", ch.invite_url AS "inviteUrl"
    FROM chat ch JOIN school_class c ON c.id = $1
    WHERE ch.school_id = c.school_id AND ch.archived_at IS NULL AND (ch.class_id = c.id OR ch.kind = 'school')
    ORDER BY array_position(ARRAY['class', 'subject', 'school'], ch.kind),
             array_position(ARRAY['all', 'parents', 'students'], ch.audience), ch.name`,
  classCounters: `SELECT person_kind AS "personKind", item, status, sum(people)::int AS people
    FROM class_progress WHERE class_id = $1
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
  classPeopleIds: `WITH students AS (
      SELECT id, family_id, archived_at FROM person
      WHERE class_id = $1 AND kind = 'student' AND ($2 OR archived_at IS NULL)
    )
    SELECT id FROM students
    UNION
    SELECT p.id FROM person p
    WHERE p.kind = 'parent' AND ($2 OR p.archived_at IS NULL)
      AND p.family_id IN (SELECT family_id FROM students WHERE archived_at IS NULL OR $2)`,
  people: `SELECT p.id, p.family_id, p.kind, p.display_name, p.class_id, p.version,
           p.archived_at IS NOT NULL AS archived,
           p.phone_hmac IS NOT NULL AS has_phone,
           (p.phone_hmac IS NOT NULL AND EXISTS (
              SELECT 1 FROM person o
              WHERE o.school_id = p.school_id AND o.phone_hmac = p.phone_hmac AND o.id <> p.id AND o.archived_at IS NULL
           )) AS shared_phone,
           (SELECT json_agg(json_build_object(
                     'step', ps.step, 'status', ps.status, 'blockerReason', ps.blocker_reason,
                     'blockerNote', ps.blocker_note, 'updatedAt', ps.updated_at, 'updatedSource', ps.updated_source)
                   ORDER BY array_position($3::text[], ps.step))
            FROM person_step ps WHERE ps.person_id = p.id) AS steps,
           (SELECT COALESCE(json_agg(json_build_object(
                     'chatId', cm.chat_id, 'status', cm.status, 'blockerReason', cm.blocker_reason,
                     'blockerNote', cm.blocker_note, 'updatedAt', cm.updated_at, 'updatedSource', cm.updated_source)
                   ORDER BY ch.kind, ch.audience, ch.name), '[]')
            FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id AND ch.archived_at IS NULL
            WHERE cm.person_id = p.id AND ($2::uuid IS NULL OR ch.class_id = $2::uuid OR ch.kind = 'school')) AS chats,
           CASE WHEN p.opted_out_at IS NOT NULL THEN json_build_object(
             'channel', p.opt_out_channel, 'note', p.opt_out_note, 'at', p.opted_out_at, 'source', p.opt_out_source) END AS opt_out
    FROM person p
    WHERE p.id = ANY($1::uuid[])`,
} as const;
