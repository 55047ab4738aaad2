/**
 * The parent link's statements, in one place: the services run them, and the
 * benchmark's bare baseline (bench/baseline-server.mjs) runs exactly the same
 * text.
 */
export const PARENT_SQL = {
  linkByToken: `SELECT family_id, expires_at FROM invite WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`,
  linkOpened: `UPDATE invite SET first_opened_at = COALESCE(first_opened_at, now()), last_opened_at = now()
    WHERE token_hash = $1`,
  familyMember: `SELECT 1 FROM person WHERE id = $1 AND family_id = $2 AND archived_at IS NULL`,
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
} as const;
