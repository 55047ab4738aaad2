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
  const students = await dataSource.query<Array<{ id: string; family_id: string }>>(
    `SELECT id, family_id FROM person WHERE class_id = $1 AND archived_at IS NULL`,
    [classId],
  );
  const parents = await dataSource.query<Array<{ id: string }>>(
    `SELECT id FROM person WHERE kind = 'parent' AND archived_at IS NULL AND family_id = ANY($1::uuid[])`,
    [students.map((student) => student.family_id)],
  );
  const kindOf = new Map<string, string>([
    ...students.map((s) => [s.id, 'student'] as [string, string]),
    ...parents.map((p) => [p.id, 'parent'] as [string, string]),
  ]);
  const ids = [...kindOf.keys()];
  const steps = await dataSource.query<Array<{ person_id: string; step: string; status: string; blocker_reason: string | null }>>(
    `SELECT person_id, step, status, blocker_reason FROM person_step WHERE person_id = ANY($1::uuid[])`,
    [ids],
  );
  const chats = await dataSource.query<Array<{ person_id: string; kind: string; status: string; blocker_reason: string | null }>>(
    `SELECT cm.person_id, ch.kind, cm.status, cm.blocker_reason
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
  for (const row of steps) add(kindOf.get(row.person_id)!, row.step, row.status, row.blocker_reason);
  for (const row of chats) add(kindOf.get(row.person_id)!, `chat_${row.kind}`, row.status, row.blocker_reason);
  return sortCounts([...counts.values()]);
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
    `${a.personKind}|${a.item}|${a.status}|${a.blockerReason}`.localeCompare(`${b.personKind}|${b.item}|${b.status}|${b.blockerReason}`),
  );
}
