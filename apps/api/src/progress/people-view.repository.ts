import {
  stepIdsOf,
  type ChatSummary,
  type ClassRoster,
  type PathCatalogue,
  type ClassCounter,
  type ClassCounters,
  type OnboardingPath,
  type OptOut,
  type RosterFamily,
  type RosterPerson,
} from '@sferum/contracts';
import type { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { PEOPLE_VIEW_SQL } from './people-view.sql';
import { preparedQuery } from '../database/prepared-query';
import { toClassSummary, type ClassSummaryRow } from '../common/class-summary-row';
import { elementAt } from '../common/element-at';

interface PersonRow {
  id: string;
  family_id: string;
  kind: RosterPerson['kind'];
  display_name: string;
  class_id: string | null;
  version: number;
  archived: boolean;
  has_phone: boolean;
  shared_phone: boolean;
  steps: RosterPerson['steps'] | null;
  chats: RosterPerson['chats'];
  opt_out: (Omit<OptOut, 'at'> & { at: string }) | null;
}

/** The one row of PEOPLE_VIEW_SQL.classView. */
export interface ClassViewRow extends ClassSummaryRow {
  path_id: string;
  chats: ChatSummary[];
  counters: ClassCounter[];
  people: RosterPerson[];
}

/** Every path's steps in order, as "<path id> <step id>": the order the class view sorts steps by. */
const stepOrders = new WeakMap<PathCatalogue, string[]>();
function stepOrderOf(catalogue: PathCatalogue): string[] {
  let order = stepOrders.get(catalogue);
  if (!order) {
    order = catalogue.paths.flatMap((path) => stepIdsOf(path).map((step) => `${path.id} ${step}`));
    stepOrders.set(catalogue, order);
  }
  return order;
}

/**
 * What the class page shows of people: their steps (in the order of the school's
 * path), chats and opt-outs, the class's chats and counters. Typed raw SQL; the
 * rows are mapped here. Every method reads through the caller's `manager`.
 */
@Injectable()
export class PeopleViewRepository {
  /**
   * People with their steps (in the order of the school's path) and chats, in
   * one query. `classId` limits the chats shown to that class's chats and the
   * school chat (a parent of children in two classes is in two class chats).
   */
  async loadPeople(
    manager: EntityManager,
    path: OnboardingPath,
    personIds: readonly string[],
    classId: string | null,
  ): Promise<RosterPerson[]> {
    if (personIds.length === 0) return [];
    const rows = await manager.query<PersonRow[]>(PEOPLE_VIEW_SQL.people, [personIds, classId, stepIdsOf(path)]);
    return rows.map((row) => ({
      id: row.id,
      familyId: row.family_id,
      kind: row.kind,
      displayName: row.display_name,
      classId: row.class_id,
      version: row.version,
      archived: row.archived,
      hasPhone: row.has_phone,
      sharedPhone: row.shared_phone,
      steps: (row.steps ?? []).map((step) => ({ ...step, updatedAt: new Date(step.updatedAt).toISOString() })),
      chats: row.chats.map((chat) => ({ ...chat, updatedAt: new Date(chat.updatedAt).toISOString() })),
      optOut: row.opt_out ? { ...row.opt_out, at: new Date(row.opt_out.at).toISOString() } : null,
    }));
  }

  /**
   * The class page in one statement (PEOPLE_VIEW_SQL.classView), prepared
   * (parsed once per connection, database/prepared-query.ts). Null when the
   * class does not exist.
   */
  async loadClassView(
    manager: EntityManager,
    catalogue: PathCatalogue,
    classId: string,
    includeArchived: boolean,
  ): Promise<ClassRoster | null> {
    const [row] = await preparedQuery<ClassViewRow>(
      manager,
      PEOPLE_VIEW_SQL.classView,
      classViewParameters(catalogue, classId, includeArchived),
    );
    return row ? toClassRoster(row, catalogue) : null;
  }

  /** The students of a class and the parents of their families, grouped by family. */
  async loadClassFamilies(
    manager: EntityManager,
    path: OnboardingPath,
    classId: string,
    includeArchived: boolean,
  ): Promise<RosterFamily[]> {
    const ids = await manager.query<Array<{ id: string }>>(PEOPLE_VIEW_SQL.classPeopleIds, [classId, includeArchived]);
    const people = await this.loadPeople(
      manager,
      path,
      ids.map((row) => row.id),
      classId,
    );
    return groupIntoFamilies(people);
  }

  async loadClassChats(manager: EntityManager, classId: string): Promise<ChatSummary[]> {
    return manager.query<ChatSummary[]>(PEOPLE_VIEW_SQL.classChats, [classId]);
  }

  async loadClassCounters(manager: EntityManager, classId: string): Promise<ClassCounter[]> {
    return manager.query<ClassCounter[]>(PEOPLE_VIEW_SQL.classCounters, [classId]);
  }

  /** The counters of each of the classes, as the class page shows them: what a change answers. */
  async loadCountersOfClasses(manager: EntityManager, classIds: readonly string[]): Promise<ClassCounters[]> {
    return Promise.all(
      [...new Set(classIds)].map(async (classId) => ({
        classId,
        counters: await this.loadClassCounters(manager, classId),
      })),
    );
  }
}

/** PEOPLE_VIEW_SQL.classView's parameters; the benchmark's bare servers pass them too. */
export function classViewParameters(catalogue: PathCatalogue, classId: string, includeArchived: boolean): unknown[] {
  return [classId, includeArchived, stepOrderOf(catalogue)];
}

/**
 * The class page from the row of PEOPLE_VIEW_SQL.classView: the people come
 * in the contract's shape, built by PostgreSQL; here they are only grouped
 * into families and sorted. The benchmark's bare servers map their row with it.
 */
export function toClassRoster(row: ClassViewRow, catalogue: PathCatalogue): ClassRoster {
  return {
    schoolClass: toClassSummary(row),
    pathId: catalogue.get(row.path_id).id,
    chats: row.chats,
    counters: row.counters,
    families: groupIntoFamilies(row.people),
  };
}

/** People into their families (those with a student), students and parents by name, families by their first student's. */
function groupIntoFamilies(people: readonly RosterPerson[]): RosterFamily[] {
  const families = new Map<string, RosterFamily>();
  for (const person of people) {
    const family = families.get(person.familyId) ?? { id: person.familyId, students: [], parents: [] };
    (person.kind === 'student' ? family.students : family.parents).push(person);
    families.set(person.familyId, family);
  }
  const result = [...families.values()].filter((family) => family.students.length > 0);
  for (const family of result) {
    family.students.sort(byName);
    family.parents.sort(byName);
  }
  const firstStudent = (family: RosterFamily) => elementAt(family.students, 0, 'the family’s students');
  return result.sort((a, b) => byName(firstStudent(a), firstStudent(b)));
}

/** The order of `localeCompare(…, 'ru')`, with the collator made once instead of on every comparison. */
const russian = new Intl.Collator('ru');

function byName(a: RosterPerson, b: RosterPerson): number {
  return russian.compare(a.displayName, b.displayName);
}
