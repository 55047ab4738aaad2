import {
  BLOCKER_REASONS,
  STEP_IDS,
  type BlockerReason,
  type KindReport,
  type PersonKind,
  type ProgressReport,
  type StepCounts,
  type StepId,
} from '@sferum/contracts';

/** One row of summed counters: what `class_progress` holds, added up over a unit. */
export interface CounterRow {
  person_kind: PersonKind;
  item: string;
  status: string;
  blocker_reason: string;
  people: number;
}

const zeroReasons = (): Record<BlockerReason, number> =>
  Object.fromEntries(BLOCKER_REASONS.map((reason) => [reason, 0])) as Record<BlockerReason, number>;

function emptyKind(): KindReport {
  return {
    people: 0,
    steps: Object.fromEntries(
      STEP_IDS.map((step) => [step, { notStarted: 0, done: 0, blocked: 0, blockedByReason: zeroReasons(), shareDone: 0 }]),
    ) as Record<StepId, StepCounts>,
    classChatJoined: 0,
    subjectChatsJoined: 0,
    subjectChatMemberships: 0,
    schoolChatJoined: 0,
  };
}

/** Counts and shares for one school or class from its counter rows: numbers only, never a name. */
export function buildReport(rows: readonly CounterRow[]): ProgressReport {
  const report: ProgressReport = { students: emptyKind(), parents: emptyKind() };
  for (const row of rows) {
    const kind = report[row.person_kind === 'student' ? 'students' : 'parents'];
    const people = Number(row.people);
    if ((STEP_IDS as readonly string[]).includes(row.item)) {
      const counts = kind.steps[row.item as StepId];
      if (row.status === 'done') counts.done += people;
      else if (row.status === 'blocked') {
        counts.blocked += people;
        if (row.blocker_reason) counts.blockedByReason[row.blocker_reason as BlockerReason] += people;
      } else counts.notStarted += people;
      if (row.item === 'vk_id') kind.people += people;
    } else if (row.status === 'joined') {
      if (row.item === 'chat_class') kind.classChatJoined += people;
      if (row.item === 'chat_school') kind.schoolChatJoined += people;
      if (row.item === 'chat_subject') kind.subjectChatsJoined += people;
    }
    if (row.item === 'chat_subject') kind.subjectChatMemberships += people;
  }
  for (const kind of [report.students, report.parents]) {
    for (const step of STEP_IDS) {
      const counts = kind.steps[step];
      counts.shareDone = kind.people === 0 ? 0 : Math.round((counts.done / kind.people) * 1000) / 1000;
    }
  }
  return report;
}

/** The columns of a report row in CSV, in a stable order. */
export function reportColumns(report: ProgressReport): Array<[string, number]> {
  const columns: Array<[string, number]> = [];
  for (const [kindName, kind] of [['students', report.students], ['parents', report.parents]] as const) {
    columns.push([`${kindName}`, kind.people]);
    for (const step of STEP_IDS) {
      const counts = kind.steps[step];
      columns.push(
        [`${kindName}_${step}_done`, counts.done],
        [`${kindName}_${step}_blocked`, counts.blocked],
        [`${kindName}_${step}_not_started`, counts.notStarted],
        [`${kindName}_${step}_share_done`, counts.shareDone],
      );
      for (const reason of BLOCKER_REASONS) columns.push([`${kindName}_${step}_blocked_${reason}`, counts.blockedByReason[reason]]);
    }
    columns.push(
      [`${kindName}_class_chat_joined`, kind.classChatJoined],
      [`${kindName}_subject_chats_joined`, kind.subjectChatsJoined],
      [`${kindName}_subject_chat_memberships`, kind.subjectChatMemberships],
      [`${kindName}_school_chat_joined`, kind.schoolChatJoined],
    );
  }
  return columns;
}
