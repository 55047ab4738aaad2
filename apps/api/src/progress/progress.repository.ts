import { Injectable } from '@nestjs/common';
import type { ChatMember } from './member-list';
import type { OptOutChannel, ProgressSource } from '@sferum/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import type { ItemState } from './progress-plan';
import { preparedQuery } from '../database/prepared-query';
import { PROGRESS_SQL } from './progress.sql';

/** A person locked for a change: what the checks before it need. */
export interface LockedPerson {
  id: string;
  kind: 'student' | 'parent';
  version: number;
  archived_at: Date | null;
  opted_out: boolean;
  opt_out_channel: OptOutChannel | null;
  opt_out_note: string | null;
}

/** One step or chat membership of a person as stored, with when and by whom it was last changed. */
export interface StateRow {
  person_id: string;
  item: string;
  /** null for a step */
  chat_kind: 'class' | 'subject' | 'school' | null;
  chat_class_id: string | null;
  status: string;
  blocker_reason: ItemState['blockerReason'];
  blocker_note: string | null;
  updated_at: Date;
  updated_source: ProgressSource | null;
}

/** A new state of one step (`item` its id) or chat membership (`item` the chat's id). */
export interface ItemWrite {
  personId: string;
  item: string;
  status: string;
  blockerReason: string | null;
  blockerNote: string | null;
}

/** One `progress_event` to append. */
export interface EventRow {
  personId: string;
  step: string | null;
  chatId: string | null;
  from: string;
  to: string;
  reason: string | null;
  note: string | null;
  channel: OptOutChannel | null;
}

/** A person of a chat, as a member list is matched against. */
export type ChatMemberRow = ChatMember & { optedOut: boolean };

/**
 * The writes of a progress change (people's versions, steps, chat memberships,
 * opt-outs and their history) and the look-ups around them: typed raw SQL, the
 * benchmarked text from progress.sql.ts. The methods with a `manager` run in
 * the caller's transaction. What every change runs (lockPeople, personStates,
 * writeChange) is prepared (database/prepared-query.ts).
 */
@Injectable()
export class ProgressRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Locks the people in id order (FOR NO KEY UPDATE) and returns them; unknown
   * ids, and with `familyId` the people of other families, are missing.
   */
  lockPeople(manager: EntityManager, personIds: readonly string[], familyId: string | null): Promise<LockedPerson[]> {
    return preparedQuery<LockedPerson>(manager, PROGRESS_SQL.lockPeople, [personIds, familyId]);
  }

  /** The people's steps and memberships of unarchived chats (with the chat's kind and class). */
  personStates(manager: EntityManager, personIds: readonly string[]): Promise<StateRow[]> {
    return preparedQuery<StateRow>(manager, PROGRESS_SQL.personStates, [personIds]);
  }

  async updateSteps(manager: EntityManager, writes: readonly ItemWrite[], source: ProgressSource): Promise<void> {
    await this.updateItems(manager, PROGRESS_SQL.updateSteps, writes, source);
  }

  async updateChats(manager: EntityManager, writes: readonly ItemWrite[], source: ProgressSource): Promise<void> {
    await this.updateItems(manager, PROGRESS_SQL.updateChats, writes, source);
  }

  async setOptOut(
    manager: EntityManager,
    personIds: readonly string[],
    channel: OptOutChannel | null,
    note: string | null,
    source: ProgressSource,
  ): Promise<void> {
    await manager.query(PROGRESS_SQL.setOptOut, [personIds, channel, note, source]);
  }

  /** Appends the events in order, all with one change id and the path they happened on. */
  async insertEvents(manager: EntityManager, events: readonly EventRow[], change: ChangeOf): Promise<void> {
    await manager.query(PROGRESS_SQL.insertEvents, eventParams(events, change));
  }

  /**
   * A change's writes in one statement: the steps and chat memberships, the
   * people's versions and the events (as updateSteps, updateChats,
   * bumpVersions and insertEvents write them).
   */
  async writeChange(
    manager: EntityManager,
    writes: { steps: readonly ItemWrite[]; chats: readonly ItemWrite[]; personIds: readonly string[] },
    events: readonly EventRow[],
    change: ChangeOf,
  ): Promise<void> {
    await preparedQuery(manager, PROGRESS_SQL.writeChange, [
      ...eventParams(events, change),
      ...itemParams(writes.steps),
      ...itemParams(writes.chats),
      writes.personIds,
    ]);
  }

  async bumpVersions(manager: EntityManager, personIds: readonly string[]): Promise<void> {
    await manager.query(PROGRESS_SQL.bumpVersions, [personIds]);
  }

  /** The ids of the family's unarchived people. */
  async familyMemberIds(familyId: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM person WHERE family_id = $1 AND archived_at IS NULL`,
      [familyId],
    );
    return rows.map((row) => row.id);
  }

  /** Those of the people who are students of the class or parents of its unarchived students' families. */
  async membersOfClass(classId: string, personIds: readonly string[]): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT p.id FROM person p
       WHERE p.id = ANY($2::uuid[])
         AND (p.class_id = $1
              OR (p.kind = 'parent' AND EXISTS (
                    SELECT 1 FROM person s WHERE s.family_id = p.family_id AND s.class_id = $1 AND s.archived_at IS NULL)))`,
      [classId, personIds],
    );
    return rows.map((row) => row.id);
  }

  /** The chat's unarchived people, by name. */
  chatMembers(chatId: string): Promise<ChatMemberRow[]> {
    return this.dataSource.query<ChatMemberRow[]>(
      `SELECT p.id AS "personId", p.display_name AS "displayName", p.kind, cm.status = 'joined' AS joined,
              p.opted_out_at IS NOT NULL AS "optedOut"
       FROM chat_membership cm JOIN person p ON p.id = cm.person_id AND p.archived_at IS NULL
       WHERE cm.chat_id = $1
       ORDER BY p.display_name`,
      [chatId],
    );
  }

  private async updateItems(
    manager: EntityManager,
    statement: string,
    writes: readonly ItemWrite[],
    source: ProgressSource,
  ): Promise<void> {
    await manager.query(statement, [...itemParams(writes), source]);
  }
}

/** Who made a change, its id and the path it happened on, as the events record them. */
export interface ChangeOf {
  source: ProgressSource;
  staffId: string | null;
  changeId: string;
  pathId: string;
}

function itemParams(writes: readonly ItemWrite[]): unknown[] {
  return [
    writes.map((w) => w.personId),
    writes.map((w) => w.item),
    writes.map((w) => w.status),
    writes.map((w) => w.blockerReason),
    writes.map((w) => w.blockerNote),
  ];
}

function eventParams(events: readonly EventRow[], change: ChangeOf): unknown[] {
  const column = <T>(pick: (event: EventRow) => T): T[] => events.map(pick);
  return [
    column((e) => e.personId),
    column((e) => e.step),
    column((e) => e.chatId),
    column((e) => e.from),
    column((e) => e.to),
    column((e) => e.reason),
    column((e) => e.note),
    change.source,
    change.staffId,
    change.changeId,
    change.pathId,
    column((e) => e.channel),
  ];
}
