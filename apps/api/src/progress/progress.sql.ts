/**
 * Who counts in a class: its students, and the parents of every family with a
 * student in it (a parent of children in two classes counts in both). Archived
 * people count nowhere.
 */
const CLASS_MEMBERS = `
  SELECT p.class_id, p.id AS person_id, p.kind
  FROM person p
  WHERE p.class_id = ANY($1::uuid[]) AND p.archived_at IS NULL
  UNION
  SELECT s.class_id, p.id, p.kind
  FROM person s
  JOIN person p ON p.family_id = s.family_id AND p.kind = 'parent' AND p.archived_at IS NULL
  WHERE s.class_id = ANY($1::uuid[]) AND s.kind = 'student' AND s.archived_at IS NULL`;

/**
 * The statements of a progress change and of the class counters, in one place:
 * the services run them, and the benchmark's bare baseline
 * (bench/baseline-server.mjs) runs exactly the same text.
 */
export const PROGRESS_SQL = {
  lockPeople: `SELECT id, version, archived_at FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
  personStates: `SELECT person_id, step AS item, false AS is_chat, status, blocker_reason, blocker_note
    FROM person_step WHERE person_id = ANY($1::uuid[])
    UNION ALL
    SELECT cm.person_id, cm.chat_id::text, true, cm.status, cm.blocker_reason, cm.blocker_note
    FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id AND ch.archived_at IS NULL
    WHERE cm.person_id = ANY($1::uuid[])`,
  updateSteps: `UPDATE person_step ps
    SET status = u.status, blocker_reason = u.reason, blocker_note = u.note, updated_at = now(), updated_source = $6
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(person_id, step, status, reason, note)
    WHERE ps.person_id = u.person_id AND ps.step = u.step`,
  updateChats: `UPDATE chat_membership cm
    SET status = u.status, blocker_reason = u.reason, blocker_note = u.note, updated_at = now(), updated_source = $6
    FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS u(person_id, chat_id, status, reason, note)
    WHERE cm.person_id = u.person_id AND cm.chat_id = u.chat_id`,
  insertEvents: `INSERT INTO progress_event
      (district_id, school_id, person_id, step, chat_id, from_status, to_status, blocker_reason, blocker_note, source, actor_staff_id, change_id)
    SELECT p.district_id, p.school_id, u.person_id, u.step, u.chat_id, u.from_status, u.to_status, u.reason, u.note, $8, $9, $10
    FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
         WITH ORDINALITY AS u(person_id, step, chat_id, from_status, to_status, reason, note, n)
    JOIN person p ON p.id = u.person_id
    ORDER BY u.n`,
  bumpVersions: `UPDATE person SET version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`,
  lockClasses: `SELECT id FROM school_class WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
  deleteCounters: `DELETE FROM class_progress WHERE class_id = ANY($1::uuid[])`,
  recountClasses: `WITH members AS (${CLASS_MEMBERS}),
    counts AS (
      SELECT m.class_id, m.kind, ps.step AS item, ps.status, COALESCE(ps.blocker_reason, '') AS reason, count(*)::int AS people
      FROM members m JOIN person_step ps ON ps.person_id = m.person_id
      GROUP BY 1, 2, 3, 4, 5
      UNION ALL
      SELECT m.class_id, m.kind, 'chat_' || ch.kind, cm.status, COALESCE(cm.blocker_reason, ''), count(*)::int
      FROM members m
      JOIN chat_membership cm ON cm.person_id = m.person_id
      JOIN chat ch ON ch.id = cm.chat_id AND ch.archived_at IS NULL
                  AND (ch.class_id = m.class_id OR ch.kind = 'school')
      GROUP BY 1, 2, 3, 4, 5
    )
    INSERT INTO class_progress (class_id, district_id, school_id, person_kind, item, status, blocker_reason, people)
    SELECT counts.class_id, c.district_id, c.school_id, counts.kind, counts.item, counts.status, counts.reason, counts.people
    FROM counts JOIN school_class c ON c.id = counts.class_id`,
  classesOfPeople: `SELECT DISTINCT COALESCE(p.class_id, s.class_id) AS class_id
    FROM person p
    LEFT JOIN person s ON p.kind = 'parent' AND s.family_id = p.family_id AND s.kind = 'student' AND s.archived_at IS NULL
    WHERE p.id = ANY($1::uuid[]) AND COALESCE(p.class_id, s.class_id) IS NOT NULL`,
} as const;
