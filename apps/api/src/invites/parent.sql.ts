import { rateLimitDecisionAfterLookUp } from '../common/rate-limit.sql';

/**
 * The parent's page: the school with its step notes, the classes of the
 * family's children with their teachers and what the class teacher tells
 * parents, and the family's people with their steps, chats and opt-out, as
 * JSON built by PostgreSQL, for the family `f` joined to its school `s`.
 * Steps come in table order: the service puts them in the order of the
 * school's path.
 */
const FAMILY_COLUMNS = `s.name AS school_name, s.path_id,
           (SELECT COALESCE(json_object_agg(n.step, n.note), '{}') FROM school_step_note n
            WHERE n.school_id = s.id AND n.path_id = s.path_id) AS step_notes,
           (SELECT COALESCE(json_agg(json_build_object(
                     'grade', c.grade, 'letter', c.letter, 'parentContact', c.parent_contact,
                     'deadline', to_char(c.deadline, 'YYYY-MM-DD'),
                     'teachers', ARRAY(SELECT u.full_name FROM teacher_class tc
                                       JOIN staff_user u ON u.id = tc.staff_user_id AND u.deactivated_at IS NULL
                                       WHERE tc.class_id = c.id ORDER BY u.full_name))
                   ORDER BY c.grade, c.letter), '[]')
            FROM school_class c
            WHERE c.id IN (SELECT class_id FROM person WHERE family_id = f.id AND kind = 'student' AND archived_at IS NULL)) AS classes,
           (SELECT COALESCE(json_agg(json_build_object(
                     'id', p.id, 'kind', p.kind, 'displayName', p.display_name, 'grade', pc.grade, 'letter', pc.letter,
                     'steps', (SELECT COALESCE(json_agg(json_build_object(
                                        'step', ps.step, 'status', ps.status, 'blockerReason', ps.blocker_reason,
                                        'blockerNote', ps.blocker_note, 'source', ps.updated_source, 'updatedAt', ps.updated_at)), '[]')
                               FROM person_step ps WHERE ps.person_id = p.id),
                     'chats', (SELECT COALESCE(json_agg(json_build_object(
                                        'chatId', ch.id, 'kind', ch.kind, 'audience', ch.audience, 'subject', ch.name,
                                        'grade', cc.grade, 'letter', cc.letter, 'status', cm.status,
                                        'blockerReason', cm.blocker_reason, 'blockerNote', cm.blocker_note,
                                        'source', cm.updated_source, 'updatedAt', cm.updated_at, 'inviteUrl', ch.invite_url)
                                      ORDER BY array_position(ARRAY['class', 'subject', 'school'], ch.kind), cc.grade, ch.name), '[]')
                               FROM chat_membership cm
                               JOIN chat ch ON ch.id = cm.chat_id AND ch.archived_at IS NULL
                               LEFT JOIN school_class cc ON cc.id = ch.class_id
                               WHERE cm.person_id = p.id),
                     'optOut', CASE WHEN p.opted_out_at IS NOT NULL THEN json_build_object(
                       'channel', p.opt_out_channel, 'note', p.opt_out_note, 'at', p.opted_out_at, 'source', p.opt_out_source) END)
                   ORDER BY p.kind DESC, p.display_name), '[]')
            FROM person p LEFT JOIN school_class pc ON pc.id = p.class_id
            WHERE p.family_id = f.id AND p.archived_at IS NULL) AS people`;

/**
 * A parent's request in one statement: the link by one of its hashes ($1),
 * with whether its "opened" time is older than $2 seconds (kept to that
 * precision, so a repeat view writes nothing), and one rate-limit decision
 * ($3–$7, rateLimitDecisionAfterLookUp: the address's failed look-ups guard;
 * a found link counts in its own bucket, a failed look-up against the
 * address). A page view ($8: the link's limit) also reads the family's page
 * (one JSON object, as PARENT_SQL.family's row), only when the link was found
 * and the decision lets it through.
 */
function linkWithDecision(hash: 'token_hash' | 'code_hash', page: boolean): string {
  const familyPage = `,
    family_page AS (
      SELECT ${FAMILY_COLUMNS}
      FROM found link JOIN counted hit ON hit.hits <= $8::int
      JOIN family f ON f.id = link.family_id JOIN school s ON s.id = f.school_id
    )`;
  return `WITH found AS (
      SELECT id, family_id, expires_at,
             last_opened_at IS NULL OR last_opened_at < now() - make_interval(secs => $2) AS opened_stale
      FROM invite WHERE ${hash} = $1 AND revoked_at IS NULL AND expires_at > now()
    ), ${rateLimitDecisionAfterLookUp(3)}${page ? familyPage : ''}
    SELECT link.id, link.family_id, link.expires_at, link.opened_stale,
           blocked.retry_after AS blocked_retry_after, hit.hits, hit.retry_after${
             page ? ',\n           (SELECT to_json(page) FROM family_page page) AS family' : ''
           }
    FROM (SELECT) one LEFT JOIN found link ON true LEFT JOIN blocked ON true LEFT JOIN counted hit ON true`;
}

/**
 * The parent link's statements, in one place: the repositories run them, and the
 * benchmark's bare baseline (bench/baseline-server.mjs) runs exactly the same
 * text.
 */
export const PARENT_SQL = {
  /** A parent's change: the link and its rate-limit decision (linkWithDecision). */
  linkByToken: linkWithDecision('token_hash', false),
  linkByCode: linkWithDecision('code_hash', false),
  /** A page view: the link, its rate-limit decision and, let through, the family (linkWithDecision). */
  pageByToken: linkWithDecision('token_hash', true),
  pageByCode: linkWithDecision('code_hash', true),
  linkOpened: `UPDATE invite SET first_opened_at = COALESCE(first_opened_at, now()), last_opened_at = now()
    WHERE id = $1`,
  familyMembers: `SELECT id FROM person WHERE family_id = $1 AND archived_at IS NULL ORDER BY id`,
  /** The family's page by its id (FAMILY_COLUMNS): the answer after a parent's change. */
  family: `SELECT ${FAMILY_COLUMNS}
    FROM family f JOIN school s ON s.id = f.school_id WHERE f.id = $1`,
} as const;
