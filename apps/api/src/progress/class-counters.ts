import type { EntityManager } from 'typeorm';

/**
 * Who counts in a class: its students, and the parents of every family with a
 * student in it (a parent of children in two classes counts in both). Archived
 * people count nowhere.
 */
const CLASS_MEMBERS_SQL = `
  SELECT p.class_id, p.id AS person_id, p.kind
  FROM person p
  WHERE p.class_id = ANY($1::uuid[]) AND p.archived_at IS NULL
  UNION
  SELECT s.class_id, p.id, p.kind
  FROM person s
  JOIN person p ON p.family_id = s.family_id AND p.kind = 'parent' AND p.archived_at IS NULL
  WHERE s.class_id = ANY($1::uuid[]) AND s.kind = 'student' AND s.archived_at IS NULL`;

/**
 * Recounts `class_progress` for the given classes from `person_step` and
 * `chat_membership`, inside the caller's transaction. The class rows are locked
 * first (in id order, so two transactions never wait on each other in a circle),
 * which serialises every change that touches a class's counters: they stay
 * exact under any concurrency. The lock is FOR NO KEY UPDATE so that it does not
 * wait for the key-share locks that inserts referencing the class take.
 */
export async function recountClasses(manager: EntityManager, classIds: readonly string[]): Promise<void> {
  const ids = [...new Set(classIds)].sort();
  if (ids.length === 0) return;
  await manager.query(`SELECT id FROM school_class WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, [ids]);
  await manager.query(`DELETE FROM class_progress WHERE class_id = ANY($1::uuid[])`, [ids]);
  await manager.query(
    `WITH members AS (${CLASS_MEMBERS_SQL}),
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
    [ids],
  );
}

/** The classes a person counts in: a student's own, a parent's children's. */
export async function classesOfPeople(manager: EntityManager, personIds: readonly string[]): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await manager.query<Array<{ class_id: string }>>(
    `SELECT DISTINCT COALESCE(p.class_id, s.class_id) AS class_id
     FROM person p
     LEFT JOIN person s ON p.kind = 'parent' AND s.family_id = p.family_id AND s.kind = 'student' AND s.archived_at IS NULL
     WHERE p.id = ANY($1::uuid[]) AND COALESCE(p.class_id, s.class_id) IS NOT NULL`,
    [personIds],
  );
  return rows.map((row) => row.class_id);
}

/** The classes of every student of the given families: where their parents count. */
export async function classesOfFamilies(manager: EntityManager, familyIds: readonly string[]): Promise<string[]> {
  if (familyIds.length === 0) return [];
  const rows = await manager.query<Array<{ class_id: string }>>(
    `SELECT DISTINCT class_id FROM person WHERE family_id = ANY($1::uuid[]) AND kind = 'student'`,
    [familyIds],
  );
  return rows.map((row) => row.class_id);
}
