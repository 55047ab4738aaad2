import { Injectable } from '@nestjs/common';
import type { ChatSummary } from '@sferum/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { firstRow } from '../database/rows';

export interface NewSubjectChat {
  districtId: string;
  schoolId: string;
  classId: string;
  name: string;
}

/** The chats a class's staff manage: subject chats and every chat's invite link. Typed raw SQL. */
@Injectable()
export class ClassChatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A subject chat of the class, for its students; a second chat of one subject breaks a unique index. */
  async insertSubjectChat(manager: EntityManager, chat: NewSubjectChat): Promise<string> {
    const rows = await manager.query<Array<{ id: string }>>(
      `INSERT INTO chat (district_id, school_id, class_id, kind, audience, name) VALUES ($1, $2, $3, 'subject', 'students', $4) RETURNING id`,
      [chat.districtId, chat.schoolId, chat.classId, chat.name],
    );
    return firstRow(rows, 'INSERT INTO chat').id;
  }

  async setInviteUrl(chatId: string, url: string | null): Promise<void> {
    await this.dataSource.manager.query(`UPDATE chat SET invite_url = $2 WHERE id = $1`, [chatId, url]);
  }

  async summary(chatId: string): Promise<ChatSummary> {
    const rows = await this.dataSource.manager.query<ChatSummary[]>(
      `SELECT id, kind, audience, name, class_id AS "classId", invite_url AS "inviteUrl" FROM chat WHERE id = $1`,
      [chatId],
    );
    return firstRow(rows, 'the chat summary');
  }
}
