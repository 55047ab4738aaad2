import type { DataSource } from 'typeorm';

export interface Count {
  personKind: string;
  item: string;
  status: string;
  /** '' unless blocked */
  blockerReason: string;
  people: number;
}

/**
 * The counters of a class recounted the plain way, in TypeScript, from the
 * stored steps and memberships: the oracle `class_progress` must equal.
 */
export async function recountFromSource(dataSource: DataSource, classId: string): Promise<Count[]> {
  const students = await dataSource.query<Array<{ id: string; family_id: string; opted_out: boolean }>>(
    `SELECT id, family_id, opted_out_at IS NOT NULL AS opted_out FROM person WHERE class_id = $1 AND archived_at IS NULL`,
    [classId],
  );
  const parents = await dataSource.query<Array<{ id: string; opted_out: boolean }>>(
    `SELECT id, opted_out_at IS NOT NULL AS opted_out FROM person WHERE kind = 'parent' AND archived_at IS NULL AND family_id = ANY($1::uuid[])`,
    [students.map((student) => student.family_id)],
  );
  const optedOut = new Set([...students, ...parents].filter((person) => person.opted_out).map((person) => person.id));
  const kindOf = new Map<string, string>([
    ...students.map((s) => [s.id, 'student'] as [string, string]),
    ...parents.map((p) => [p.id, 'parent'] as [string, string]),
  ]);
  const ids = [...kindOf.keys()];
  const steps = await dataSource.query<
    Array<{ person_id: string; step: string; status: string; blocker_reason: string | null }>
  >(`SELECT person_id, step, status, blocker_reason FROM person_step WHERE person_id = ANY($1::uuid[])`, [ids]);
  const chats = await dataSource.query<
    Array<{ person_id: string; kind: string; status: string; blocker_reason: string | null; class_id: string | null }>
  >(
    `SELECT cm.person_id, ch.kind, cm.status, cm.blocker_reason, ch.class_id
     FROM chat_membership cm JOIN chat ch ON ch.id = cm.chat_id
     WHERE cm.person_id = ANY($1::uuid[]) AND ch.archived_at IS NULL
       AND (ch.class_id = $2 OR ch.kind = 'school')`,
    [ids, classId],
  );
  const counts = new Map<string, Count>();
  const add = (personKind: string, item: string, status: string, reason: string | null) => {
    const blockerReason = reason ?? '';
    const key = `${personKind}|${item}|${status}|${blockerReason}`;
    const count = counts.get(key) ?? { personKind, item, status, blockerReason, people: 0 };
    count.people += 1;
    counts.set(key, count);
  };
  // An opted-out person counts as opted out on every item, with no reason.
  const statusOf = (personId: string, status: string) => (optedOut.has(personId) ? 'opted_out' : status);
  const reasonOf = (personId: string, reason: string | null) => (optedOut.has(personId) ? null : reason);
  for (const row of steps)
    add(
      kindOf.get(row.person_id)!,
      row.step,
      statusOf(row.person_id, row.status),
      reasonOf(row.person_id, row.blocker_reason),
    );
  for (const row of chats) {
    add(
      kindOf.get(row.person_id)!,
      `chat_${row.kind}`,
      statusOf(row.person_id, row.status),
      reasonOf(row.person_id, row.blocker_reason),
    );
  }
  for (const id of ids) add(kindOf.get(id)!, 'overall', overallStatus(id), null);
  return sortCounts([...counts.values()]);

  /** connected: every step done and the class chat joined; else blocked, in progress or not started, in that order. */
  function overallStatus(personId: string): string {
    if (optedOut.has(personId)) return 'opted_out';
    const own = steps.filter((row) => row.person_id === personId);
    const classChat = chats.filter(
      (row) => row.person_id === personId && row.kind === 'class' && row.class_id === classId,
    );
    if (own.every((row) => row.status === 'done') && classChat.some((row) => row.status === 'joined'))
      return 'connected';
    if (own.some((row) => row.status === 'blocked') || classChat.some((row) => row.status === 'blocked'))
      return 'blocked';
    const anyChatJoined = chats.some((row) => row.person_id === personId && row.status === 'joined');
    if (own.some((row) => row.status === 'done') || anyChatJoined) return 'in_progress';
    return 'not_started';
  }
}

export async function storedCounters(dataSource: DataSource, classId: string): Promise<Count[]> {
  const rows = await dataSource.query<Count[]>(
    `SELECT person_kind AS "personKind", item, status, blocker_reason AS "blockerReason", people
     FROM class_progress WHERE class_id = $1 AND people > 0`,
    [classId],
  );
  return sortCounts(rows);
}

function sortCounts(counts: Count[]): Count[] {
  return counts.sort((a, b) =>
    `${a.personKind}|${a.item}|${a.status}|${a.blockerReason}`.localeCompare(
      `${b.personKind}|${b.item}|${b.status}|${b.blockerReason}`,
    ),
  );
}
