import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { STEP_IDS, type ChatStatus, type ProgressSource, type StepId, type StepStatus } from '@sferum/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { classesOfPeople, recountClasses } from './class-counters';
import {
  PathOrderConflict,
  planTransitions,
  UnknownChat,
  type ItemState,
  type PersonState,
  type RequestedChange,
  type Transition,
} from './progress-plan';

/** Who makes a change, as history records it. */
export interface Actor {
  source: ProgressSource;
  /** the staff member, for teacher and admin changes */
  staffId: string | null;
}

export interface PersonChange {
  personId: string;
  /** the version the caller saw; omitted by idempotent sources such as the parent link */
  expectedVersion?: number;
  change: RequestedChange;
}

interface StateRow {
  person_id: string;
  item: string;
  is_chat: boolean;
  status: string;
  blocker_reason: ItemState['blockerReason'];
  blocker_note: string | null;
}

/**
 * Every change of a step or a chat status goes through here: one transaction
 * that checks versions, follows the order of the path, writes the new states,
 * appends one `progress_event` per transition and recounts the classes'
 * counters.
 */
@Injectable()
export class ProgressService {
  constructor(private readonly dataSource: DataSource) {}

  /** Returns the ids of the people whose state changed. */
  apply(changes: PersonChange[], actor: Actor): Promise<string[]> {
    return this.dataSource.transaction((manager) => this.applyWithin(manager, changes, actor));
  }

  async applyWithin(manager: EntityManager, changes: PersonChange[], actor: Actor): Promise<string[]> {
    const personIds = [...new Set(changes.map((change) => change.personId))].sort();
    const people = await manager.query<Array<{ id: string; version: number; archived_at: Date | null }>>(
      `SELECT id, version, archived_at FROM person WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`,
      [personIds],
    );
    const byId = new Map(people.map((person) => [person.id, person]));
    for (const change of changes) {
      const person = byId.get(change.personId);
      if (!person) throw new NotFoundException('Person not found');
      if (person.archived_at) throw new ConflictException('This person is archived: restore them first');
      if (change.expectedVersion !== undefined && change.expectedVersion !== person.version) {
        throw new ConflictException(
          'Someone else has just changed this person: reload to see their change, then try again',
        );
      }
    }

    const states = await this.loadStates(manager, personIds);
    const changeId = randomUUID();
    const transitions: Array<Transition & { personId: string }> = [];
    for (const change of changes) {
      const state = states.get(change.personId)!;
      let planned: Transition[];
      try {
        planned = planTransitions(state, change.change);
      } catch (error) {
        if (error instanceof PathOrderConflict) {
          throw new ConflictException(`Undo the later steps first: ${error.laterDone.join(', ')}`);
        }
        if (error instanceof UnknownChat) throw new NotFoundException('This person is not in that chat');
        throw error;
      }
      for (const transition of planned) {
        applyToState(state, transition);
        transitions.push({ ...transition, personId: change.personId });
      }
    }
    if (transitions.length === 0) return [];

    await this.write(manager, transitions, actor, changeId);
    const changed = [...new Set(transitions.map((transition) => transition.personId))];
    await manager.query(`UPDATE person SET version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])`, [changed]);
    await recountClasses(manager, await classesOfPeople(manager, changed));
    return changed;
  }

  private async loadStates(manager: EntityManager, personIds: string[]): Promise<Map<string, PersonState>> {
    const rows = await manager.query<StateRow[]>(
      `SELECT person_id, step AS item, false AS is_chat, status, blocker_reason, blocker_note
       FROM person_step WHERE person_id = ANY($1::uuid[])
       UNION ALL
       SELECT cm.person_id, cm.chat_id::text, true, cm.status, cm.blocker_reason, cm.blocker_note
       FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id AND ch.archived_at IS NULL
       WHERE cm.person_id = ANY($1::uuid[])`,
      [personIds],
    );
    const states = new Map<string, PersonState>();
    for (const personId of personIds) {
      const notStarted: ItemState<StepStatus> = { status: 'not_started', blockerReason: null, blockerNote: null };
      states.set(personId, {
        steps: Object.fromEntries(STEP_IDS.map((step) => [step, notStarted])) as Record<StepId, ItemState<StepStatus>>,
        chats: new Map(),
      });
    }
    for (const row of rows) {
      const state = states.get(row.person_id)!;
      const item = { status: row.status, blockerReason: row.blocker_reason, blockerNote: row.blocker_note };
      if (row.is_chat) state.chats.set(row.item, item as ItemState<ChatStatus>);
      else state.steps[row.item as StepId] = item as ItemState<StepStatus>;
    }
    return states;
  }

  private async write(
    manager: EntityManager,
    transitions: Array<Transition & { personId: string }>,
    actor: Actor,
    changeId: string,
  ): Promise<void> {
    const steps = transitions.filter((t) => 'step' in t.target);
    const chats = transitions.filter((t) => 'chatId' in t.target);
    const column = <T>(list: typeof transitions, pick: (t: Transition & { personId: string }) => T): T[] => list.map(pick);
    const stepOf = (t: Transition) => ('step' in t.target ? t.target.step : null);
    const chatOf = (t: Transition) => ('chatId' in t.target ? t.target.chatId : null);

    if (steps.length > 0) {
      await manager.query(
        `UPDATE person_step ps
         SET status = u.status, blocker_reason = u.reason, blocker_note = u.note, updated_at = now(), updated_source = $6
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u(person_id, step, status, reason, note)
         WHERE ps.person_id = u.person_id AND ps.step = u.step`,
        [
          column(steps, (t) => t.personId),
          column(steps, stepOf),
          column(steps, (t) => t.to.status),
          column(steps, (t) => t.to.blockerReason),
          column(steps, (t) => t.to.blockerNote),
          actor.source,
        ],
      );
    }
    if (chats.length > 0) {
      await manager.query(
        `UPDATE chat_membership cm
         SET status = u.status, blocker_reason = u.reason, blocker_note = u.note, updated_at = now(), updated_source = $6
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS u(person_id, chat_id, status, reason, note)
         WHERE cm.person_id = u.person_id AND cm.chat_id = u.chat_id`,
        [
          column(chats, (t) => t.personId),
          column(chats, chatOf),
          column(chats, (t) => t.to.status),
          column(chats, (t) => t.to.blockerReason),
          column(chats, (t) => t.to.blockerNote),
          actor.source,
        ],
      );
    }
    await manager.query(
      `INSERT INTO progress_event
         (district_id, school_id, person_id, step, chat_id, from_status, to_status, blocker_reason, blocker_note, source, actor_staff_id, change_id)
       SELECT p.district_id, p.school_id, u.person_id, u.step, u.chat_id, u.from_status, u.to_status, u.reason, u.note, $8, $9, $10
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
            WITH ORDINALITY AS u(person_id, step, chat_id, from_status, to_status, reason, note, n)
       JOIN person p ON p.id = u.person_id
       ORDER BY u.n`,
      [
        column(transitions, (t) => t.personId),
        column(transitions, stepOf),
        column(transitions, chatOf),
        column(transitions, (t) => t.from.status),
        column(transitions, (t) => t.to.status),
        column(transitions, (t) => t.to.blockerReason),
        column(transitions, (t) => t.to.blockerNote),
        actor.source,
        actor.staffId,
        changeId,
      ],
    );
  }
}

function applyToState(state: PersonState, transition: Transition): void {
  if ('step' in transition.target) {
    state.steps[transition.target.step] = transition.to as ItemState<StepStatus>;
  } else {
    state.chats.set(transition.target.chatId, transition.to as ItemState<ChatStatus>);
  }
}
