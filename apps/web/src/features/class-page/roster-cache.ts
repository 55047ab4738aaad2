import type {
  BulkProgressResult,
  ClassCounters,
  ClassRoster,
  PersonChangeResult,
  RosterPerson,
} from '@sferum/contracts';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { rosterKeys } from './roster-api';

/** A change of one person or of many, as the API answers it: the people after it and their classes' counters. */
export type ProgressChange = PersonChangeResult | BulkProgressResult;

function peopleOf(change: ProgressChange): RosterPerson[] {
  return 'person' in change ? [change.person] : change.updated;
}

/**
 * The class's roster as it is after the change, as the roster itself would
 * show it: the people swapped in (with only the chats this roster lists: a
 * parent's answer carries the chats of every class of their children) and,
 * when the answer has them, this class's counters.
 */
export function withChange(roster: ClassRoster, classId: string, change: ProgressChange): ClassRoster {
  const updated = new Map(peopleOf(change).map((person) => [person.id, person]));
  const shownChats = new Set(roster.chats.map((chat) => chat.id));
  const swap = (people: RosterPerson[]) =>
    people.map((person) => {
      const next = updated.get(person.id);
      return next ? { ...next, chats: next.chats.filter((chat) => shownChats.has(chat.chatId)) } : person;
    });
  const counters = change.classes.find((entry: ClassCounters) => entry.classId === classId)?.counters;
  return {
    ...roster,
    counters: counters ?? roster.counters,
    families: roster.families.map((family) => ({
      ...family,
      students: swap(family.students),
      parents: swap(family.parents),
    })),
  };
}

/**
 * Puts a change the API answered into every class roster in the cache
 * (with and without the archive), instead of fetching them again; only the
 * changed people's history is left to refetch, when it is shown.
 */
export function applyChange(queryClient: QueryClient, change: ProgressChange): void {
  for (const [queryKey, roster] of queryClient.getQueriesData<ClassRoster>({ queryKey: rosterKeys.rosters })) {
    const classId = rosterKeys.classOf(queryKey);
    if (roster && classId !== null)
      queryClient.setQueryData<ClassRoster>(queryKey, withChange(roster, classId, change));
  }
  for (const person of peopleOf(change))
    void queryClient.invalidateQueries({ queryKey: rosterKeys.history(person.id) });
}

export function useApplyChange(): (change: ProgressChange) => void {
  const queryClient = useQueryClient();
  return useCallback((change: ProgressChange) => applyChange(queryClient, change), [queryClient]);
}
