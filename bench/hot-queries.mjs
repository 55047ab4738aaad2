// The SQL of the benchmarked endpoints, statement for statement as the API
// runs it (apps/api/src/**: parent.service, progress.service, class-counters,
// session.service, access-policy, classes.service, roster-query,
// api-key.guard, rate-limit.service, reports.service). The baseline runs these;
// `npm run bench:explain` explains them.

export const SQL = {
  rateLimitHit: `INSERT INTO rate_limit_hit AS r (bucket, window_start, hits) VALUES ($1, now(), 1)
    ON CONFLICT (bucket) DO UPDATE SET
      hits = CASE WHEN r.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE r.hits + 1 END,
      window_start = CASE WHEN r.window_start <= now() - make_interval(secs => $2) THEN now() ELSE r.window_start END
    RETURNING hits, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS retry_after`,
  rateLimitCleanup: `DELETE FROM rate_limit_hit WHERE window_start < now() - interval '1 day'`,
  inviteByToken: `SELECT family_id, expires_at FROM invite WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
  familySchool: `SELECT s.name, s.messenger FROM family f JOIN school s ON s.id = f.school_id WHERE f.id = $1`,
  familyPeople: `SELECT p.id, p.kind, p.display_name, c.grade, c.letter,
           (SELECT json_agg(json_build_object('step', ps.step, 'status', ps.status, 'blockerReason', ps.blocker_reason,
                                              'blockerNote', ps.blocker_note, 'source', ps.updated_source)
                            ORDER BY array_position(ARRAY['vk_id', 'sferum_profile', 'messenger'], ps.step))
            FROM person_step ps WHERE ps.person_id = p.id) AS steps,
           (SELECT COALESCE(json_agg(json_build_object('chatId', ch.id, 'kind', ch.kind, 'subject', ch.name,
                                                       'grade', cc.grade, 'letter', cc.letter, 'status', cm.status,
                                                       'blockerReason', cm.blocker_reason, 'blockerNote', cm.blocker_note)
                                     ORDER BY array_position(ARRAY['class', 'subject', 'school'], ch.kind), cc.grade, ch.name), '[]')
            FROM chat_membership cm
            JOIN chat ch ON ch.id = cm.chat_id AND ch.archived_at IS NULL
            LEFT JOIN school_class cc ON cc.id = ch.class_id
            WHERE cm.person_id = p.id) AS chats
    FROM person p LEFT JOIN school_class c ON c.id = p.class_id
    WHERE p.family_id = $1 AND p.archived_at IS NULL
    ORDER BY p.kind DESC, p.display_name`,
  inviteOpened: `UPDATE invite SET first_opened_at = COALESCE(first_opened_at, now()), last_opened_at = now()
    WHERE token_hash = $1`,
  familyMember: `SELECT 1 FROM person WHERE id = $1 AND family_id = $2 AND archived_at IS NULL`,
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
  insertEvents: `INSERT INTO progress_event
      (district_id, school_id, person_id, step, chat_id, from_status, to_status, blocker_reason, blocker_note, source, actor_staff_id, change_id)
    SELECT p.district_id, p.school_id, u.person_id, u.step, u.chat_id, u.from_status, u.to_status, u.reason, u.note, $8, $9, $10
    FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
         WITH ORDINALITY AS u(person_id, step, chat_id, from_status, to_status, reason, note, n)
    JOIN person p ON p.id = u.person_id
    ORDER BY u.n`,
  bumpVersion: `UPDATE person SET version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`,
  classesOfPeople: `SELECT DISTINCT COALESCE(p.class_id, s.class_id) AS class_id
    FROM person p
    LEFT JOIN person s ON p.kind = 'parent' AND s.family_id = p.family_id AND s.kind = 'student' AND s.archived_at IS NULL
    WHERE p.id = ANY($1::uuid[]) AND COALESCE(p.class_id, s.class_id) IS NOT NULL`,
  lockClasses: `SELECT id FROM school_class WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
  deleteCounters: `DELETE FROM class_progress WHERE class_id = ANY($1::uuid[])`,
  recountClasses: `WITH members AS (
      SELECT p.class_id, p.id AS person_id, p.kind
      FROM person p
      WHERE p.class_id = ANY($1::uuid[]) AND p.archived_at IS NULL
      UNION
      SELECT s.class_id, p.id, p.kind
      FROM person s
      JOIN person p ON p.family_id = s.family_id AND p.kind = 'parent' AND p.archived_at IS NULL
      WHERE s.class_id = ANY($1::uuid[]) AND s.kind = 'student' AND s.archived_at IS NULL),
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
  session: `SELECT s.id AS session_id, u.id AS user_id, u.role, u.district_id, u.school_id,
           s.last_seen_at < now() - make_interval(secs => $3) AS stale
    FROM staff_session s
    JOIN staff_user u ON u.id = s.staff_user_id
    WHERE s.token_hash = $1
      AND s.expires_at > now()
      AND s.last_seen_at > now() - make_interval(mins => $2)
      AND u.deactivated_at IS NULL`,
  touchSession: `UPDATE staff_session SET last_seen_at = now() WHERE id = $1`,
  classInScope: `SELECT "e"."id" AS "e_id", "e"."district_id" AS "e_district_id", "e"."school_id" AS "e_school_id", "e"."grade" AS "e_grade",
           "e"."letter" AS "e_letter", "e"."academic_year" AS "e_academic_year", "e"."archived_at" AS "e_archived_at", "e"."created_at" AS "e_created_at"
    FROM "school_class" "e"
    WHERE e.id = $1 AND EXISTS (SELECT 1 FROM teacher_class scope_tc WHERE scope_tc.class_id = e.id AND scope_tc.staff_user_id = $2)`,
  classSummary: `SELECT c.id, c.district_id, c.school_id, c.grade, c.letter, c.academic_year, c.archived_at,
           COALESCE(json_agg(json_build_object('id', u.id, 'fullName', u.full_name) ORDER BY u.full_name) FILTER (WHERE u.id IS NOT NULL), '[]') AS teachers
    FROM school_class c
    LEFT JOIN teacher_class tc ON tc.class_id = c.id
    LEFT JOIN staff_user u ON u.id = tc.staff_user_id AND u.deactivated_at IS NULL
    WHERE c.id = $1 GROUP BY c.id`,
  schoolMessenger: `SELECT messenger FROM school WHERE id = $1`,
  classChats: `SELECT ch.id, ch.kind, ch.name, ch.class_id AS "classId"
    FROM chat ch JOIN school_class c ON c.id = $1
    WHERE ch.school_id = c.school_id AND ch.archived_at IS NULL AND (ch.class_id = c.id OR ch.kind = 'school')
    ORDER BY array_position(ARRAY['class', 'subject', 'school'], ch.kind), ch.name`,
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
  rosterPeople: `SELECT p.id, p.family_id, p.kind, p.display_name, p.class_id, p.version,
           p.archived_at IS NOT NULL AS archived,
           p.phone_hmac IS NOT NULL AS has_phone,
           (p.phone_hmac IS NOT NULL AND EXISTS (
              SELECT 1 FROM person o
              WHERE o.school_id = p.school_id AND o.phone_hmac = p.phone_hmac AND o.id <> p.id AND o.archived_at IS NULL
           )) AS shared_phone,
           (SELECT json_agg(json_build_object(
                     'step', ps.step, 'status', ps.status, 'blockerReason', ps.blocker_reason,
                     'blockerNote', ps.blocker_note, 'updatedAt', ps.updated_at, 'updatedSource', ps.updated_source)
                   ORDER BY array_position(ARRAY['vk_id', 'sferum_profile', 'messenger'], ps.step))
            FROM person_step ps WHERE ps.person_id = p.id) AS steps,
           (SELECT COALESCE(json_agg(json_build_object(
                     'chatId', cm.chat_id, 'status', cm.status, 'blockerReason', cm.blocker_reason,
                     'blockerNote', cm.blocker_note, 'updatedAt', cm.updated_at, 'updatedSource', cm.updated_source)
                   ORDER BY ch.kind, ch.name), '[]')
            FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id AND ch.archived_at IS NULL
            WHERE cm.person_id = p.id AND ($2::uuid IS NULL OR ch.class_id = $2::uuid OR ch.kind = 'school')) AS chats
    FROM person p
    WHERE p.id = ANY($1::uuid[])`,
  apiKey: `SELECT id, district_id, last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2) AS stale
    FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL`,
  apiKeyUsed: `UPDATE api_key SET last_used_at = now() WHERE id = $1`,
  districtName: `SELECT name FROM district WHERE id = $1`,
  districtSchools: `SELECT s.id, s.name, (SELECT count(*)::int FROM school_class c WHERE c.school_id = s.id AND c.archived_at IS NULL) AS classes
    FROM school s WHERE s.district_id = $1 ORDER BY s.name`,
  districtCounters: `SELECT cp.school_id, cp.person_kind, cp.item, cp.status, cp.blocker_reason, sum(cp.people)::int AS people
    FROM class_progress cp JOIN school_class c ON c.id = cp.class_id AND c.archived_at IS NULL
    WHERE cp.district_id = $1
    GROUP BY 1, 2, 3, 4, 5`,
  schoolInDistrict: `SELECT name FROM school WHERE id = $1 AND district_id = $2`,
  schoolClasses: `SELECT id, grade, letter, academic_year FROM school_class WHERE school_id = $1 AND archived_at IS NULL ORDER BY grade, letter`,
  schoolCounters: `SELECT cp.class_id, cp.person_kind, cp.item, cp.status, cp.blocker_reason, cp.people
    FROM class_progress cp JOIN school_class c ON c.id = cp.class_id AND c.archived_at IS NULL
    WHERE cp.school_id = $1`,
};

/** The statements worth explaining, with inputs from the bench database (see explain.mjs). */
export function hotQueries(sample) {
  const { districtId, schoolId, classId, teacherId, personId, familyId, tokenHash, classPeople } = sample;
  return [
    { name: 'rate limit hit (every parent and report request)', sql: SQL.rateLimitHit, params: ['bench-explain', 60] },
    { name: 'parent: link by token', sql: SQL.inviteByToken, params: [tokenHash] },
    { name: 'parent: link opened', sql: SQL.inviteOpened, params: [tokenHash] },
    { name: 'parent: family people', sql: SQL.familyPeople, params: [familyId] },
    { name: 'confirm: person states', sql: SQL.personStates, params: [[personId]] },
    { name: 'confirm: classes of people', sql: SQL.classesOfPeople, params: [[personId]] },
    { name: 'confirm: recount a class', sql: SQL.recountClasses, params: [[classId]], before: [[SQL.deleteCounters, [[classId]]]] },
    { name: 'class view: class in scope', sql: SQL.classInScope, params: [classId, teacherId] },
    { name: 'class view: summary', sql: SQL.classSummary, params: [classId] },
    { name: 'class view: chats', sql: SQL.classChats, params: [classId] },
    { name: 'class view: counters', sql: SQL.classCounters, params: [classId] },
    { name: 'class view: people of the class', sql: SQL.classPeopleIds, params: [classId, false] },
    { name: 'class view: people with steps and chats', sql: SQL.rosterPeople, params: [classPeople, classId] },
    { name: 'district report: schools', sql: SQL.districtSchools, params: [districtId] },
    { name: 'district report: counters', sql: SQL.districtCounters, params: [districtId] },
    { name: 'school report: classes', sql: SQL.schoolClasses, params: [schoolId] },
    { name: 'school report: counters', sql: SQL.schoolCounters, params: [schoolId] },
  ];
}
