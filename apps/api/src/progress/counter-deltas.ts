/**
 * What a change does to the class counters (`class_progress`), worked out
 * from the person's stored items before and after it: the same rules as the
 * recount in progress.sql.ts (CLASS_MEMBERS, OVERALL_STATUS), for one person
 * at a time. The counters then move by these deltas in the change's own
 * transaction instead of recounting the classes.
 */

/** One stored step (`chatKind` null) or membership of an unarchived chat, as the counters see it. */
export interface CountedItem {
  /** the step id, or the chat's id */
  item: string;
  chatKind: string | null;
  /** the chat's class (null for a school chat and for steps) */
  chatClassId: string | null;
  status: string;
  blockerReason: string | null;
}

export interface CountedPerson {
  kind: string;
  optedOut: boolean;
  items: readonly CountedItem[];
}

/** A counter and how much it moves. */
export interface CounterDelta {
  classId: string;
  personKind: string;
  item: string;
  status: string;
  blockerReason: string;
  delta: number;
}

const keyOf = (d: Omit<CounterDelta, 'delta'>) =>
  `${d.classId}|${d.personKind}|${d.item}|${d.status}|${d.blockerReason}`;

/** The counters one person adds to one class they count in (a parent counts in each child's class). */
export function contribution(person: CountedPerson, classId: string): Array<Omit<CounterDelta, 'delta'>> {
  const rows: Array<Omit<CounterDelta, 'delta'>> = [];
  const add = (item: string, status: string, reason: string | null) =>
    rows.push({
      classId,
      personKind: person.kind,
      item,
      status: person.optedOut ? 'opted_out' : status,
      blockerReason: person.optedOut ? '' : (reason ?? ''),
    });
  const steps = person.items.filter((i) => i.chatKind === null);
  const chats = person.items.filter(
    (i) => i.chatKind !== null && (i.chatClassId === classId || i.chatKind === 'school'),
  );
  for (const step of steps) add(step.item, step.status, step.blockerReason);
  for (const chat of chats) add(`chat_${chat.chatKind}`, chat.status, chat.blockerReason);
  rows.push({
    classId,
    personKind: person.kind,
    item: 'overall',
    status: overallStatus(person, classId),
    blockerReason: '',
  });
  return rows;
}

/** PERSON_STATUSES in a class, as OVERALL_STATUS computes it. */
export function overallStatus(person: CountedPerson, classId: string): string {
  if (person.optedOut) return 'opted_out';
  const steps = person.items.filter((i) => i.chatKind === null);
  const classChat = person.items.filter((i) => i.chatKind === 'class' && i.chatClassId === classId);
  if (steps.every((s) => s.status === 'done') && classChat.some((c) => c.status === 'joined')) return 'connected';
  if (steps.some((s) => s.status === 'blocked') || classChat.some((c) => c.status === 'blocked')) return 'blocked';
  const joinedHere = person.items.some(
    (i) => i.chatKind !== null && i.status === 'joined' && (i.chatClassId === classId || i.chatKind === 'school'),
  );
  if (steps.some((s) => s.status === 'done') || joinedHere) return 'in_progress';
  return 'not_started';
}

/**
 * The net moves of the counters when each person goes from `before` to
 * `after`, in every class they count in: only the counters that change, each
 * once, in key order (the order the rows are written in).
 */
export function counterDeltas(
  changes: ReadonlyArray<{ classIds: readonly string[]; before: CountedPerson; after: CountedPerson }>,
): CounterDelta[] {
  const deltas = new Map<string, CounterDelta>();
  const move = (row: Omit<CounterDelta, 'delta'>, by: number) => {
    const key = keyOf(row);
    const entry = deltas.get(key) ?? { ...row, delta: 0 };
    entry.delta += by;
    deltas.set(key, entry);
  };
  for (const { classIds, before, after } of changes) {
    for (const classId of new Set(classIds)) {
      for (const row of contribution(before, classId)) move(row, -1);
      for (const row of contribution(after, classId)) move(row, +1);
    }
  }
  return [...deltas.entries()]
    .filter(([, d]) => d.delta !== 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
}
