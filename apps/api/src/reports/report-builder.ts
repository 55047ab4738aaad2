import {
  blockersFor,
  formatClassName,
  OVERALL_ITEM,
  progressShare,
  type DistrictReport,
  type KindReport,
  type OverallCounts,
  type PathCatalogue,
  type PathTotal,
  type PersonKind,
  type ProgressReport,
  type SchoolReport,
  type SchoolReportRow,
  type StepCounts,
} from '@sferum/contracts';

/** A report's figures before the service stamps them with the time they were counted (`asOf`). */
export type Counted<T extends { asOf: string }> = Omit<T, 'asOf'>;

/** One row of summed counters: what `class_progress` holds, added up over a unit. */
export interface CounterRow {
  person_kind: PersonKind;
  item: string;
  status: string;
  blocker_reason: string;
  people: number;
}

/** What a report needs of a path: its Russian name and its steps, each with the reasons it offers, in order. */
export interface ReportPath {
  id: string;
  name: string;
  steps: ReadonlyArray<{ id: string; reasons: readonly string[] }>;
}

/**
 * The path as reports show it. A path the catalogue no longer knows (a school
 * left on it by an older release) keeps its id as its name and shows no
 * steps: its people, overall figures and chats are still counted.
 */
export function reportPathOf(catalogue: PathCatalogue, pathId: string): ReportPath {
  if (!catalogue.has(pathId)) return { id: pathId, name: pathId, steps: [] };
  const path = catalogue.get(pathId);
  return {
    id: path.id,
    name: path.name.ru,
    steps: path.steps.map((step) => ({
      id: step.id,
      reasons: blockersFor(path, { step: step.id }).map((reason) => reason.id),
    })),
  };
}

/** Path ids in the catalogue's order, then any it does not know, alphabetically. */
export function inCatalogueOrder(catalogue: PathCatalogue, pathIds: Iterable<string>): string[] {
  const order = catalogue.ids;
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return [...new Set(pathIds)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** n / base, 0..1 with 3 decimals; 0 when the base is empty. */
export function share(n: number, base: number): number {
  return base === 0 ? 0 : Math.round((n / base) * 1000) / 1000;
}

const emptyStep = (reasons: readonly string[]): StepCounts => ({
  notStarted: 0,
  done: 0,
  blocked: 0,
  blockedByReason: Object.fromEntries(reasons.map((reason) => [reason, 0])),
  optedOut: 0,
  shareDone: 0,
});

const emptyOverall = (): OverallCounts => ({
  connected: 0,
  inProgress: 0,
  blocked: 0,
  notStarted: 0,
  optedOut: 0,
  shareConnected: 0,
});

function emptyKind(path: ReportPath | null): KindReport {
  return {
    people: 0,
    participants: 0,
    overall: emptyOverall(),
    steps: Object.fromEntries((path?.steps ?? []).map((step) => [step.id, emptyStep(step.reasons)])),
    classChatJoined: 0,
    subjectChatsJoined: 0,
    subjectChatMemberships: 0,
    schoolChatJoined: 0,
  };
}

const OVERALL_FIELDS: Record<string, keyof Omit<OverallCounts, 'shareConnected'>> = {
  connected: 'connected',
  in_progress: 'inProgress',
  blocked: 'blocked',
  not_started: 'notStarted',
  opted_out: 'optedOut',
};

/**
 * Counts and shares for one unit on one path (a class, a school, a district's
 * schools on that path) from its counter rows: numbers only, never a name.
 * People and their status as a whole come from the `overall` rows; opted-out
 * people are counted apart on every item and left out of every share's base.
 * Rows of items that are not steps of the path are not counted.
 */
export function buildReport(rows: readonly CounterRow[], path: ReportPath): ProgressReport {
  const report: ProgressReport = { students: emptyKind(path), parents: emptyKind(path) };
  const hasOverall = { students: false, parents: false };
  for (const row of rows) {
    const kindName = row.person_kind === 'student' ? 'students' : 'parents';
    const kind = report[kindName];
    const people = Number(row.people);
    const step = Object.hasOwn(kind.steps, row.item) ? kind.steps[row.item] : undefined;
    if (row.item === OVERALL_ITEM) {
      hasOverall[kindName] = true;
      kind.people += people;
      const field = OVERALL_FIELDS[row.status];
      if (field) kind.overall[field] += people;
    } else if (step) {
      if (row.status === 'done') step.done += people;
      else if (row.status === 'opted_out') step.optedOut += people;
      else if (row.status === 'blocked') {
        step.blocked += people;
        // A reason the path no longer offers is still shown, so that the reasons add up to `blocked`.
        if (row.blocker_reason)
          step.blockedByReason[row.blocker_reason] = (step.blockedByReason[row.blocker_reason] ?? 0) + people;
      } else step.notStarted += people;
    } else if (row.item.startsWith('chat_') && row.status !== 'opted_out') {
      if (row.status === 'joined') {
        if (row.item === 'chat_class') kind.classChatJoined += people;
        if (row.item === 'chat_school') kind.schoolChatJoined += people;
        if (row.item === 'chat_subject') kind.subjectChatsJoined += people;
      }
      if (row.item === 'chat_subject') kind.subjectChatMemberships += people;
    }
  }
  for (const kindName of ['students', 'parents'] as const) {
    const kind = report[kindName];
    // Snapshots taken before `overall` was counted: everyone has a row on the first step.
    const firstStep = path.steps[0] && kind.steps[path.steps[0].id];
    if (!hasOverall[kindName] && firstStep) kind.people = firstStep.done + firstStep.blocked + firstStep.notStarted;
    kind.participants = kind.people - kind.overall.optedOut;
    kind.overall.shareConnected = progressShare(kind.overall.connected, kind.participants);
    for (const counts of Object.values(kind.steps)) counts.shareDone = share(counts.done, kind.participants);
  }
  return report;
}

/**
 * Reports of units added up, on one path or several: every count is summed,
 * each step over the units that have it. Shares are recomputed, each over the
 * participants of the units it is counted over: a step of one path over the
 * schools on that path only.
 */
export function combineReports(parts: readonly ProgressReport[]): ProgressReport {
  const combined: ProgressReport = { students: emptyKind(null), parents: emptyKind(null) };
  for (const kindName of ['students', 'parents'] as const) {
    const total = combined[kindName];
    const stepBase = new Map<string, number>();
    for (const part of parts.map((report) => report[kindName])) {
      total.people += part.people;
      total.participants += part.participants;
      for (const field of Object.values(OVERALL_FIELDS)) total.overall[field] += part.overall[field];
      total.classChatJoined += part.classChatJoined;
      total.subjectChatsJoined += part.subjectChatsJoined;
      total.subjectChatMemberships += part.subjectChatMemberships;
      total.schoolChatJoined += part.schoolChatJoined;
      for (const [stepId, counts] of Object.entries(part.steps)) {
        const sum = (total.steps[stepId] ??= emptyStep([]));
        sum.notStarted += counts.notStarted;
        sum.done += counts.done;
        sum.blocked += counts.blocked;
        sum.optedOut += counts.optedOut;
        for (const [reason, people] of Object.entries(counts.blockedByReason)) {
          sum.blockedByReason[reason] = (sum.blockedByReason[reason] ?? 0) + people;
        }
        stepBase.set(stepId, (stepBase.get(stepId) ?? 0) + part.participants);
      }
    }
    total.overall.shareConnected = progressShare(total.overall.connected, total.participants);
    for (const [stepId, counts] of Object.entries(total.steps))
      counts.shareDone = share(counts.done, stepBase.get(stepId) ?? 0);
  }
  return combined;
}

export interface DistrictSchool {
  id: string;
  name: string;
  classes: number;
  path_id: string;
}

/** A district's report from its schools and their summed counters (`REPORTS_SQL.districtCounters`). */
export function buildDistrictReport(
  district: { id: string; name: string },
  schools: readonly DistrictSchool[],
  rows: ReadonlyArray<CounterRow & { school_id: string }>,
  catalogue: PathCatalogue,
): Counted<DistrictReport> {
  const rowsBySchool = groupBy(rows, (row) => row.school_id);
  const schoolRows: SchoolReportRow[] = schools.map((school) => {
    const path = reportPathOf(catalogue, school.path_id);
    return {
      schoolId: school.id,
      schoolName: school.name,
      classes: school.classes,
      pathId: path.id,
      pathName: path.name,
      ...buildReport(rowsBySchool.get(school.id) ?? [], path),
    };
  });
  const paths: PathTotal[] = inCatalogueOrder(
    catalogue,
    schools.map((school) => school.path_id),
  ).map((pathId) => {
    const onPath = schoolRows.filter((school) => school.pathId === pathId);
    return {
      pathId,
      pathName: reportPathOf(catalogue, pathId).name,
      schools: onPath.length,
      ...combineReports(onPath),
    };
  });
  return {
    districtId: district.id,
    districtName: district.name,
    total: combineReports(paths),
    paths,
    schools: schoolRows,
  };
}

export interface SchoolClassRow {
  id: string;
  grade: number;
  letter: string;
  academic_year: string;
}

/** A school's report from its classes and their counters (`REPORTS_SQL.school`); every class is on the school's path. */
export function buildSchoolReport(
  school: { id: string; name: string; path_id: string },
  classes: readonly SchoolClassRow[],
  rows: ReadonlyArray<CounterRow & { class_id: string }>,
  catalogue: PathCatalogue,
): Counted<SchoolReport> {
  const path = reportPathOf(catalogue, school.path_id);
  const rowsByClass = groupBy(rows, (row) => row.class_id);
  return {
    schoolId: school.id,
    schoolName: school.name,
    pathId: path.id,
    pathName: path.name,
    total: buildReport(rows, path),
    classes: classes.map((schoolClass) => ({
      classId: schoolClass.id,
      className: formatClassName(schoolClass.grade, schoolClass.letter),
      academicYear: schoolClass.academic_year,
      pathId: path.id,
      pathName: path.name,
      ...buildReport(rowsByClass.get(schoolClass.id) ?? [], path),
    })),
  };
}

/** One day of history from the snapshot rows of that day, each carrying the path its class was on. */
export function buildDayReport(
  rows: ReadonlyArray<CounterRow & { path_id: string }>,
  pathIds: readonly string[],
  catalogue: PathCatalogue,
): ProgressReport {
  const rowsByPath = groupBy(rows, (row) => row.path_id);
  return combineReports(
    pathIds.map((pathId) => buildReport(rowsByPath.get(pathId) ?? [], reportPathOf(catalogue, pathId))),
  );
}

/** A step's CSV columns: the step and the reasons shown for it. */
export interface CsvStep {
  id: string;
  reasons: string[];
}

/**
 * The steps of these reports, each once with every reason any of them shows,
 * in the order first seen: the columns of a CSV whose rows are on different
 * paths (a row leaves another path's step columns empty).
 */
export function csvSteps(reports: readonly ProgressReport[]): CsvStep[] {
  const steps = new Map<string, Set<string>>();
  for (const report of reports) {
    for (const kind of [report.students, report.parents]) {
      for (const [stepId, counts] of Object.entries(kind.steps)) {
        const reasons = steps.get(stepId) ?? new Set<string>();
        for (const reason of Object.keys(counts.blockedByReason)) reasons.add(reason);
        steps.set(stepId, reasons);
      }
    }
  }
  return [...steps].map(([id, reasons]) => ({ id, reasons: [...reasons] }));
}

/**
 * The columns of a report row in CSV, in a stable order: the path, then per
 * kind of person its people, participants and overall figures, each step of
 * `steps` (empty where the row's path has not that step) and the chats.
 */
export function reportColumns(
  path: { id: string; name: string },
  report: ProgressReport,
  steps: readonly CsvStep[],
): Array<[string, number | string]> {
  const columns: Array<[string, number | string]> = [
    ['path', path.id],
    ['path_name', path.name],
  ];
  for (const [kindName, kind] of [
    ['students', report.students],
    ['parents', report.parents],
  ] as const) {
    const { overall } = kind;
    columns.push(
      [kindName, kind.people],
      [`${kindName}_participants`, kind.participants],
      [`${kindName}_connected`, overall.connected],
      [`${kindName}_in_progress`, overall.inProgress],
      [`${kindName}_blocked`, overall.blocked],
      [`${kindName}_not_started`, overall.notStarted],
      [`${kindName}_opted_out`, overall.optedOut],
      [`${kindName}_share_connected`, overall.shareConnected],
    );
    for (const step of steps) {
      const counts = Object.hasOwn(kind.steps, step.id) ? kind.steps[step.id] : undefined;
      const cell = (value: (counts: StepCounts) => number) => (counts ? value(counts) : '');
      columns.push(
        [`${kindName}_${step.id}_done`, cell((c) => c.done)],
        [`${kindName}_${step.id}_blocked`, cell((c) => c.blocked)],
        [`${kindName}_${step.id}_not_started`, cell((c) => c.notStarted)],
        [`${kindName}_${step.id}_opted_out`, cell((c) => c.optedOut)],
        [`${kindName}_${step.id}_share_done`, cell((c) => c.shareDone)],
      );
      for (const reason of step.reasons) {
        columns.push([`${kindName}_${step.id}_blocked_${reason}`, cell((c) => c.blockedByReason[reason] ?? 0)]);
      }
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

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
