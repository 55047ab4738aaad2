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
import { PROGRESS_SQL } from './progress.sql';

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
      PROGRESS_SQL.lockPeople,
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
    await manager.query(PROGRESS_SQL.bumpVersions, [changed]);
    await recountClasses(manager, await classesOfPeople(manager, changed));
    return changed;
  }

  private async loadStates(manager: EntityManager, personIds: string[]): Promise<Map<string, PersonState>> {
    const rows = await manager.query<StateRow[]>(
      PROGRESS_SQL.personStates,
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
        PROGRESS_SQL.updateSteps,
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
        PROGRESS_SQL.updateChats,
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
      PROGRESS_SQL.insertEvents,
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
