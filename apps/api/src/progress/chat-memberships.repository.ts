import { Injectable } from '@nestjs/common';
import type { OnboardingPath } from '@sferum/contracts';
import type { EntityManager } from 'typeorm';

/** Chats every class and school has, and who belongs in which: run in the caller's transaction. */
@Injectable()
export class ChatMembershipsRepository {
  /**
   * Every class has the class chats of its school's path (one for everyone, or
   * one with parents and one with students) and every school its school chat;
   * created on first need.
   */
  async ensureStandardChats(manager: EntityManager, path: OnboardingPath, classIds: readonly string[]): Promise<void> {
    if (classIds.length === 0) return;
    await manager.query(
      `INSERT INTO chat (district_id, school_id, class_id, kind, audience)
       SELECT c.district_id, c.school_id, c.id, 'class', a.audience
       FROM school_class c CROSS JOIN unnest($2::text[]) AS a(audience)
       WHERE c.id = ANY($1::uuid[])
       ON CONFLICT (class_id, audience) WHERE kind = 'class' AND archived_at IS NULL DO NOTHING`,
      [classIds, path.chats.classChats.map((chat) => chat.audience)],
    );
    await manager.query(
      `INSERT INTO chat (district_id, school_id, kind)
       SELECT DISTINCT district_id, school_id, 'school' FROM school_class WHERE id = ANY($1::uuid[])
       ON CONFLICT (school_id) WHERE kind = 'school' AND archived_at IS NULL DO NOTHING`,
      [classIds],
    );
  }

  /**
   * Brings the chat memberships of the given families in line with where their
   * people are: a student is in their class chat, their class's subject chats and
   * the school chat; a parent in the class chat of each child's class and the
   * school chat. A membership that stays keeps its status; one that no longer
   * applies (after a move) goes. Archived people keep theirs untouched. Every
   * chat is looked up within the family's school first (chat_school_idx): an OR
   * across the whole chat table scanned it for each person.
   */
  async syncMemberships(manager: EntityManager, familyIds: readonly string[]): Promise<void> {
    if (familyIds.length === 0) return;
    const desired = `
      SELECT p.id AS person_id, ch.id AS chat_id, p.district_id, p.school_id
      FROM person p
      JOIN chat ch ON ch.school_id = p.school_id AND ch.archived_at IS NULL
                  AND ((ch.class_id = p.class_id AND ch.kind IN ('class', 'subject') AND ch.audience IN ('all', 'students'))
                       OR ch.kind = 'school')
      WHERE p.family_id = ANY($1::uuid[]) AND p.kind = 'student' AND p.archived_at IS NULL
      UNION
      SELECT p.id, ch.id, p.district_id, p.school_id
      FROM person p
      JOIN person s ON s.family_id = p.family_id AND s.kind = 'student' AND s.archived_at IS NULL
      JOIN chat ch ON ch.school_id = p.school_id AND ch.archived_at IS NULL
                  AND ((ch.class_id = s.class_id AND ch.kind = 'class' AND ch.audience IN ('all', 'parents')) OR ch.kind = 'school')
      WHERE p.family_id = ANY($1::uuid[]) AND p.kind = 'parent' AND p.archived_at IS NULL`;
    await manager.query(
      `INSERT INTO chat_membership (person_id, chat_id, district_id, school_id)
       ${desired}
       ON CONFLICT (person_id, chat_id) DO NOTHING`,
      [familyIds],
    );
    await manager.query(
      `DELETE FROM chat_membership cm
       USING person p
       WHERE cm.person_id = p.id AND p.family_id = ANY($1::uuid[]) AND p.archived_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM (${desired}) d WHERE d.person_id = cm.person_id AND d.chat_id = cm.chat_id)`,
      [familyIds],
    );
  }
}
