import { Injectable } from '@nestjs/common';
import type { ProgressEvent } from '@sferum/contracts';
import { DataSource } from 'typeorm';

const HISTORY_LIMIT = 200;

type HistoryRow = Omit<ProgressEvent, 'createdAt' | 'id'> & { id: string; createdAt: Date };

/** `progress_event` as a person's history (typed raw SQL; the column aliases are the contract's names). */
@Injectable()
export class HistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A person's last changes, newest first: steps, chats, and opting out or back in, each with the path it happened on. */
  async forPerson(personId: string): Promise<ProgressEvent[]> {
    const rows = await this.dataSource.query<HistoryRow[]>(
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
}
