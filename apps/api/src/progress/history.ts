import type { ProgressEvent } from '@sferum/contracts';
import type { EntityManager } from 'typeorm';

const HISTORY_LIMIT = 200;

/** A person's changes, newest first: steps, chats, and opting out or back in, each with the path it happened on. */
export async function loadHistory(manager: EntityManager, personId: string): Promise<ProgressEvent[]> {
  const rows = await manager.query<Array<Omit<ProgressEvent, 'createdAt' | 'id'> & { id: string; createdAt: Date }>>(
    `SELECT e.id::text AS id, e.person_id AS "personId",
            CASE WHEN e.step IS NOT NULL THEN 'step' WHEN e.chat_id IS NOT NULL THEN 'chat' ELSE 'opt_out' END AS kind,
            e.path_id AS "pathId", e.step, e.chat_id AS "chatId",
            e.from_status AS "fromStatus", e.to_status AS "toStatus", e.opt_out_channel AS channel,
            e.blocker_reason AS "blockerReason", e.blocker_note AS "blockerNote",
            e.source, u.full_name AS "actorName", e.created_at AS "createdAt"
     FROM progress_event e LEFT JOIN staff_user u ON u.id = e.actor_staff_id
     WHERE e.person_id = $1
     ORDER BY e.id DESC
     LIMIT ${HISTORY_LIMIT}`,
    [personId],
  );
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}
