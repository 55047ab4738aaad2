/**
 * The class page's statements (people with their steps and chats, the class's
 * chats and counters), in one place: the repository runs them, and the
 * benchmark's bare baseline (bench/baseline-server.mjs) runs exactly the same
 * text.
 */
export const PEOPLE_VIEW_SQL = {
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
