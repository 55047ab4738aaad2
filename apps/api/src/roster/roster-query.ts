import type { ChatSummary, ClassCounter, RosterFamily, RosterPerson } from '@sferum/contracts';
import type { EntityManager } from 'typeorm';

interface PersonRow {
  id: string;
  family_id: string;
  kind: RosterPerson['kind'];
  display_name: string;
  class_id: string | null;
  version: number;
  archived: boolean;
  has_phone: boolean;
  shared_phone: boolean;
  steps: RosterPerson['steps'];
  chats: RosterPerson['chats'];
}

/**
 * People with their steps and chats, in one query. `classId` limits the chats
 * shown to that class's chats and the school chat (a parent of children in two
 * classes is in two class chats).
 */
export async function loadPeople(
  manager: EntityManager,
  personIds: readonly string[],
  classId: string | null,
): Promise<RosterPerson[]> {
  if (personIds.length === 0) return [];
  const rows = await manager.query<PersonRow[]>(
    `SELECT p.id, p.family_id, p.kind, p.display_name, p.class_id, p.version,
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
    [personIds, classId],
  );
  return rows.map((row) => ({
    id: row.id,
    familyId: row.family_id,
    kind: row.kind,
    displayName: row.display_name,
    classId: row.class_id,
    version: row.version,
    archived: row.archived,
    hasPhone: row.has_phone,
    sharedPhone: row.shared_phone,
    steps: row.steps.map((step) => ({ ...step, updatedAt: new Date(step.updatedAt).toISOString() })),
    chats: row.chats.map((chat) => ({ ...chat, updatedAt: new Date(chat.updatedAt).toISOString() })),
  }));
}

/** The students of a class and the parents of their families, grouped by family. */
export async function loadClassFamilies(
  manager: EntityManager,
  classId: string,
  includeArchived: boolean,
): Promise<RosterFamily[]> {
  const ids = await manager.query<Array<{ id: string }>>(
    `WITH students AS (
       SELECT id, family_id, archived_at FROM person
       WHERE class_id = $1 AND kind = 'student' AND ($2 OR archived_at IS NULL)
     )
     SELECT id FROM students
     UNION
     SELECT p.id FROM person p
     WHERE p.kind = 'parent' AND ($2 OR p.archived_at IS NULL)
       AND p.family_id IN (SELECT family_id FROM students WHERE archived_at IS NULL OR $2)`,
    [classId, includeArchived],
  );
  const people = await loadPeople(manager, ids.map((row) => row.id), classId);
  const families = new Map<string, RosterFamily>();
  for (const person of people) {
    const family = families.get(person.familyId) ?? { id: person.familyId, students: [], parents: [] };
    (person.kind === 'student' ? family.students : family.parents).push(person);
    families.set(person.familyId, family);
  }
  const byName = (a: RosterPerson, b: RosterPerson) => a.displayName.localeCompare(b.displayName, 'ru');
  const result = [...families.values()].filter((family) => family.students.length > 0);
  for (const family of result) {
    family.students.sort(byName);
    family.parents.sort(byName);
  }
  return result.sort((a, b) => byName(a.students[0], b.students[0]));
}

export async function loadClassChats(manager: EntityManager, classId: string): Promise<ChatSummary[]> {
  return manager.query<ChatSummary[]>(
    `SELECT ch.id, ch.kind, ch.name, ch.class_id AS "classId"
     FROM chat ch JOIN school_class c ON c.id = $1
     WHERE ch.school_id = c.school_id AND ch.archived_at IS NULL AND (ch.class_id = c.id OR ch.kind = 'school')
     ORDER BY array_position(ARRAY['class', 'subject', 'school'], ch.kind), ch.name`,
    [classId],
  );
}

export async function loadClassCounters(manager: EntityManager, classId: string): Promise<ClassCounter[]> {
  return manager.query<ClassCounter[]>(
    `SELECT person_kind AS "personKind", item, status, sum(people)::int AS people
     FROM class_progress WHERE class_id = $1
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [classId],
  );
}
