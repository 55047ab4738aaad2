import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { ChatStatus, OnboardingPath, ProgressSource, SeenState, StepStatus } from '@sferum/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CodedConflictException } from '../common/coded-conflict.exception';
import { SchoolPaths } from '../paths/school-paths.service';
import {
  freshState,
  PathOrderConflict,
  planTransitions,
  UnknownChat,
  type ItemState,
  type OptOutChoice,
  type PersonState,
  type RequestedChange,
  type Target,
  type Transition,
} from './progress-plan';
import { checkAgainstPath } from './progress-requests';
import {
  ProgressRepository,
  type ChangeOf,
  type EventRow,
  type ItemWrite,
  type LockedPerson,
} from './progress.repository';
import { ClassCountersRepository } from './class-counters.repository';
import { counterDeltas, type CountedItem, type CountedPerson } from './counter-deltas';

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
  /** the item as the parent's page showed it: a change by the school since then refuses this one (409 changed_by_school) */
  seen?: SeenState;
  change: RequestedChange;
}

export interface OptOutChange {
  personId: string;
  expectedVersion?: number;
}

interface Touched {
  at: string | null;
  source: ProgressSource | null;
}

const itemKey = (personId: string, target: Target) => `${personId}|${'step' in target ? target.step : target.chatId}`;

/**
 * The parent's page showed `seen`; if the school has changed the item since,
 * the parent's post must not overwrite it unseen. Their own earlier changes
 * (another tab, a repeated post) do not count.
 */
function checkSeen(change: PersonChange, state: PersonState, touched: Touched | undefined): void {
  const target = change.change.target;
  const current = 'step' in target ? state.steps.get(target.step) : state.chats.get(target.chatId);
  if (!current || !touched || touched.source === 'parent_link' || touched.source === null) return;
  if (current.status !== change.seen!.status || touched.at !== change.seen!.updatedAt) {
    throw new CodedConflictException(
      'changed_by_school',
      'The school changed this since the page was loaded: look at what it marked, then confirm again',
    );
  }
}

type PersonTransition = Transition & { personId: string };

/** Limits a change to the people of one family (a parent's link): anyone else is not found. */
export interface ChangeScope {
  familyId?: string;
}

/** A person's counted items before and after a change, for the counters' deltas. */
interface CountedChange {
  before: CountedPerson;
  after: CountedPerson;
}

/**
 * Every change of a step, a chat status or an opt-out goes through here: one
 * transaction that reads the school's path (locked against a switch), locks
 * the people, checks versions, follows the order of the path, writes the new
 * states, appends one `progress_event` per transition and moves the counters
 * of the classes the people count in by exact deltas (no recount).
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly schoolPaths: SchoolPaths,
    private readonly counters: ClassCountersRepository,
    private readonly store: ProgressRepository,
  ) {}

  /** Returns the ids of the people whose state changed. */
  apply(changes: PersonChange[], actor: Actor, scope: ChangeScope = {}): Promise<string[]> {
    return this.dataSource.transaction((manager) => this.applyWithin(manager, changes, actor, scope));
  }

  async applyWithin(
    manager: EntityManager,
    changes: PersonChange[],
    actor: Actor,
    scope: ChangeScope = {},
  ): Promise<string[]> {
    if (changes.length === 0) return [];
    const { path, people } = await this.lock(manager, changes, scope);
    for (const change of changes) {
      checkAgainstPath(path, change.change);
      if (people.get(change.personId)!.opted_out) {
        throw new CodedConflictException('opted_out', 'This person does not use Sferum/MAX: undo the opt-out first');
      }
    }

    const personIds = [...people.keys()];
    const { states, touched, counted } = await this.loadStates(manager, path, personIds);
    const transitions: PersonTransition[] = [];
    for (const change of changes) {
      const state = states.get(change.personId)!;
      if (change.seen) checkSeen(change, state, touched.get(itemKey(change.personId, change.change.target)));
      let planned: Transition[];
      try {
        planned = planTransitions(path, state, change.change);
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

    const changed = [...new Set(transitions.map((transition) => transition.personId))];
    // The steps, the chat memberships, the versions and the events in one statement.
    await this.store.writeChange(
      manager,
      {
        steps: transitions.filter((t) => 'step' in t.target).map(itemWriteOf),
        chats: transitions.filter((t) => 'chatId' in t.target).map(itemWriteOf),
        personIds: changed,
      },
      transitions.map((t) => eventOf(t)),
      this.changeOf(path, actor),
    );
    return this.finish(
      manager,
      changed,
      changed.map((id) => {
        const before = { kind: people.get(id)!.kind, optedOut: false, items: counted.get(id) ?? [] };
        return { before, after: { ...before, items: itemsAfter(before.items, transitions, id) } };
      }),
    );
  }

  /**
   * Marks people as not using Sferum/MAX, with the channel the school uses
   * instead, or back (`choice` null). Their steps and chats stay as they were,
   * so coming back restores them; the counters show them apart meanwhile.
   */
  setOptOut(changes: OptOutChange[], choice: OptOutChoice, actor: Actor, scope: ChangeScope = {}): Promise<string[]> {
    return this.dataSource.transaction(async (manager) => {
      const { path, people } = await this.lock(manager, changes, scope);
      const changed = [...people.values()].filter((person) =>
        choice === null
          ? person.opted_out
          : !person.opted_out || person.opt_out_channel !== choice.channel || person.opt_out_note !== choice.note,
      );
      if (changed.length === 0) return [];
      const ids = changed.map((person) => person.id);
      await this.store.setOptOut(manager, ids, choice?.channel ?? null, choice?.note ?? null, actor.source);
      await this.insertEvents(
        manager,
        path,
        actor,
        changed.map((person) => ({
          personId: person.id,
          step: null,
          chatId: null,
          from: person.opted_out ? 'opted_out' : 'participating',
          to: choice ? 'opted_out' : 'participating',
          reason: null,
          note: choice?.note ?? null,
          channel: choice?.channel ?? null,
        })),
      );
      await this.store.bumpVersions(manager, ids);
      const { counted } = await this.loadStates(manager, path, ids);
      return this.finish(
        manager,
        ids,
        changed.map((person) => {
          const before = { kind: person.kind, optedOut: person.opted_out, items: counted.get(person.id) ?? [] };
          return { before, after: { ...before, optedOut: choice !== null } };
        }),
      );
    });
  }

  /**
   * The school's path first (see SchoolPaths), then the people, in id order;
   * versions and archiving checked. Within a family's scope an archived
   * person, or one of another family, is not found.
   */
  private async lock(
    manager: EntityManager,
    changes: ReadonlyArray<{ personId: string; expectedVersion?: number }>,
    scope: ChangeScope,
  ): Promise<{ path: OnboardingPath; people: Map<string, LockedPerson> }> {
    const personIds = [...new Set(changes.map((change) => change.personId))].sort();
    const school = await this.schoolPaths.lockedForPeople(manager, personIds);
    if (!school) throw new NotFoundException('Person not found');
    const rows = await this.store.lockPeople(manager, personIds, scope.familyId ?? null);
    const people = new Map(rows.map((person) => [person.id, person]));
    for (const change of changes) {
      const person = people.get(change.personId);
      if (!person || (scope.familyId !== undefined && person.archived_at)) {
        throw new NotFoundException('Person not found');
      }
      if (person.archived_at) throw new ConflictException('This person is archived: restore them first');
      if (change.expectedVersion !== undefined && change.expectedVersion !== person.version) {
        throw new ConflictException(
          'Someone else has just changed this person: reload to see their change, then try again',
        );
      }
    }
    return { path: school.path, people };
  }

  /**
   * The counters of every class the people count in, moved by exact deltas
   * under the classes' locks (as a recount takes them). If a child moved class
   * between reading who counts where and the lock, or a counter to lower is
   * missing, those classes are recounted instead.
   */
  private async finish(manager: EntityManager, changed: string[], counted: CountedChange[]): Promise<string[]> {
    const locked = await this.counters.lockClassesOfPeople(manager, changed);
    const classesOf = new Map<string, string[]>();
    for (const { person_id, class_id } of locked)
      classesOf.set(person_id, [...(classesOf.get(person_id) ?? []), class_id]);
    const deltas = counterDeltas(changed.map((id, n) => ({ classIds: classesOf.get(id) ?? [], ...counted[n]! })));
    if (deltas.length > 0 && !(await this.counters.move(manager, changed, locked, deltas))) {
      const classes = [...locked.map((m) => m.class_id), ...(await this.counters.classesOfPeople(manager, changed))];
      await this.counters.recount(manager, classes);
    }
    return changed;
  }

  /** The people's states, and when and by whom each item was last changed (null: never). */
  private async loadStates(
    manager: EntityManager,
    path: OnboardingPath,
    personIds: string[],
  ): Promise<{ states: Map<string, PersonState>; touched: Map<string, Touched>; counted: Map<string, CountedItem[]> }> {
    const rows = await this.store.personStates(manager, personIds);
    const states = new Map(personIds.map((personId) => [personId, freshState(path)]));
    const touched = new Map<string, Touched>();
    const counted = new Map<string, CountedItem[]>();
    for (const row of rows) {
      const state = states.get(row.person_id)!;
      const item = { status: row.status, blockerReason: row.blocker_reason, blockerNote: row.blocker_note };
      const isChat = row.chat_kind !== null;
      if (isChat) state.chats.set(row.item, item as ItemState<ChatStatus>);
      else state.steps.set(row.item, item as ItemState<StepStatus>);
      touched.set(itemKey(row.person_id, isChat ? { chatId: row.item } : { step: row.item }), {
        at: row.updated_source ? row.updated_at.toISOString() : null,
        source: row.updated_source,
      });
      const own = counted.get(row.person_id) ?? [];
      own.push({
        item: row.item,
        chatKind: row.chat_kind,
        chatClassId: row.chat_class_id,
        status: row.status,
        blockerReason: row.blocker_reason,
      });
      counted.set(row.person_id, own);
    }
    return { states, touched, counted };
  }

  /** One `progress_event` per entry, in order, all with one change id and the path they happened on. */
  private async insertEvents(
    manager: EntityManager,
    path: OnboardingPath,
    actor: Actor,
    events: EventRow[],
  ): Promise<void> {
    await this.store.insertEvents(manager, events, this.changeOf(path, actor));
  }

  /** Who makes the change, a new change id and the path it happens on, as its events record them. */
  private changeOf(path: OnboardingPath, actor: Actor): ChangeOf {
    return { source: actor.source, staffId: actor.staffId, changeId: randomUUID(), pathId: path.id };
  }
}

function itemWriteOf(t: PersonTransition): ItemWrite {
  return {
    personId: t.personId,
    item: 'step' in t.target ? t.target.step : t.target.chatId,
    status: t.to.status,
    blockerReason: t.to.blockerReason,
    blockerNote: t.to.blockerNote,
  };
}

function eventOf(t: PersonTransition): EventRow {
  return {
    personId: t.personId,
    step: 'step' in t.target ? t.target.step : null,
    chatId: 'chatId' in t.target ? t.target.chatId : null,
    from: t.from.status,
    to: t.to.status,
    reason: t.to.blockerReason,
    note: t.to.blockerNote,
    channel: null,
  };
}

/**
 * The person's stored items after the transitions: only rows that exist
 * change (the writes update rows, they never insert them).
 */
function itemsAfter(
  items: readonly CountedItem[],
  transitions: readonly PersonTransition[],
  personId: string,
): CountedItem[] {
  const last = new Map<string, ItemState>();
  for (const t of transitions) {
    if (t.personId !== personId) continue;
    last.set('step' in t.target ? `step|${t.target.step}` : `chat|${t.target.chatId}`, t.to);
  }
  return items.map((item) => {
    const to = last.get(`${item.chatKind === null ? 'step' : 'chat'}|${item.item}`);
    return to ? { ...item, status: to.status, blockerReason: to.blockerReason } : item;
  });
}

function applyToState(state: PersonState, transition: Transition): void {
  if ('step' in transition.target) {
    state.steps.set(transition.target.step, transition.to as ItemState<StepStatus>);
  } else {
    state.chats.set(transition.target.chatId, transition.to as ItemState<ChatStatus>);
  }
}
