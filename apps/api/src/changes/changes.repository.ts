import { Injectable } from '@nestjs/common';
import {
  FIRST_VISIT_DAYS,
  type ChangedItem,
  type ChangeKind,
  type ClassChange,
  type OptOutChannel,
  type PersonKind,
  type ProgressSource,
} from '@sferum/contracts';
import { DataSource } from 'typeorm';
import { namedQuery, type SqlCondition } from '../database/named-query';
import { firstRow } from '../database/rows';

/**
 * Who counts in each class of `windows`: its students, and the parents of
 * every family with a student in it (as the class counters count them).
 */
const MEMBERS = `
  SELECT s.class_id, s.id, s.family_id, s.kind, s.display_name, s.opted_out_at IS NOT NULL AS opted_out
  FROM person s
  WHERE s.class_id IN (SELECT class_id FROM windows) AND s.kind = 'student' AND s.archived_at IS NULL
  UNION
  SELECT s.class_id, p.id, p.family_id, p.kind, p.display_name, p.opted_out_at IS NOT NULL
  FROM person s
  JOIN person p ON p.family_id = s.family_id AND p.kind = 'parent' AND p.archived_at IS NULL
  WHERE s.class_id IN (SELECT class_id FROM windows) AND s.kind = 'student' AND s.archived_at IS NULL`;

/**
 * The news of each class since its window's start, up to the clock: the latest
 * event per person, kind and item, and only where it still holds (a step still
 * done, a problem still there, the person still opted out). The viewer's own
 * changes are not news to them. Needs the CTEs `clock(as_of)` and
 * `windows(class_id, since)`, and the parameter `:staffId`.
 */
const NEWS = `
  members AS (${MEMBERS}),
  news AS (
    SELECT DISTINCT ON (m.class_id, e.person_id, change_kind, e.step, e.chat_id)
           m.class_id, e.id, e.person_id, m.family_id, m.kind AS person_kind, m.display_name,
           CASE e.to_status WHEN 'blocked' THEN 'blocked' WHEN 'opted_out' THEN 'opted_out' ELSE 'marked' END AS change_kind,
           e.step, e.chat_id, ch.kind AS chat_kind, ch.audience AS chat_audience, ch.name AS chat_name,
           e.blocker_reason, e.opt_out_channel, e.source, e.created_at, e.path_id
    FROM members m
    JOIN windows w ON w.class_id = m.class_id
    CROSS JOIN clock
    JOIN progress_event e ON e.person_id = m.id AND e.created_at > w.since AND e.created_at <= clock.as_of
    LEFT JOIN chat ch ON ch.id = e.chat_id
    WHERE e.to_status IN ('done', 'joined', 'blocked', 'opted_out')
      AND e.actor_staff_id IS DISTINCT FROM CAST(:staffId AS uuid)
      AND (e.chat_id IS NULL OR (ch.archived_at IS NULL AND (ch.class_id = m.class_id OR ch.kind = 'school')))
      AND CASE
        WHEN e.to_status = 'opted_out' THEN m.opted_out
        WHEN m.opted_out THEN false
        WHEN e.step IS NOT NULL THEN EXISTS (
          SELECT 1 FROM person_step ps WHERE ps.person_id = e.person_id AND ps.step = e.step AND ps.status = e.to_status)
        ELSE EXISTS (
          SELECT 1 FROM chat_membership cm WHERE cm.person_id = e.person_id AND cm.chat_id = e.chat_id AND cm.status = e.to_status)
      END
    ORDER BY m.class_id, e.person_id, change_kind, e.step, e.chat_id, e.id DESC
  )`;

/** The families with news of each kind, per class. */
const NEWS_COUNTS = `
  SELECT class_id,
         count(DISTINCT family_id) FILTER (WHERE change_kind = 'marked')::int AS marked,
         count(DISTINCT family_id) FILTER (WHERE change_kind = 'blocked')::int AS blocked,
         count(DISTINCT family_id) FILTER (WHERE change_kind = 'opted_out')::int AS opted_out
  FROM news GROUP BY class_id`;

interface WindowRow {
  as_of: Date;
  seen_at: Date | null;
}

interface ChangeRow {
  kind: ChangeKind;
  person_id: string;
  family_id: string;
  person_kind: PersonKind;
  display_name: string;
  student_names: string[];
  path_id: string;
  items: ChangedItem[];
  channel: OptOutChannel | null;
  source: ProgressSource;
  at: Date;
}

interface CountsRow {
  marked: number;
  blocked: number;
  opted_out: number;
}

interface OverviewRow extends CountsRow {
  class_id: string;
  path_id: string;
  seen_at: Date | null;
  since: Date;
  as_of: Date;
  counters: Array<{ kind: PersonKind; status: string; people: number }>;
}

/** When a visit ends a summary's window, and the start of a first visit's. */
export interface VisitWindow {
  asOf: Date;
  seenAt: Date | null;
  since: Date;
}

export interface ClassNews {
  counts: { marked: number; blocked: number; optedOut: number };
  changes: ClassChange[];
}

export interface ClassOverviewRow {
  classId: string;
  pathId: string;
  seenAt: Date | null;
  since: Date;
  asOf: Date;
  counts: ClassNews['counts'];
  counters: OverviewRow['counters'];
}

/**
 * «Now» for a summary: the present, held back to the start of the oldest
 * transaction still open in this database (at most five minutes back). An
 * event's time is its transaction's start, and it becomes visible only at the
 * commit: a confirmation in flight at `now()` would otherwise be older than
 * the visit recorded up to `now()` and never be news. Sessions of the API's
 * own database role are visible in pg_stat_activity without extra grants.
 */
const SUMMARY_CLOCK = `SELECT date_trunc('milliseconds', LEAST(now(), GREATEST(now() - interval '5 minutes',
    COALESCE((SELECT min(a.xact_start) FROM pg_stat_activity a
              WHERE a.datname = current_database() AND a.backend_type = 'client backend'
                AND a.pid <> pg_backend_pid()), now())))) AS as_of`;

const firstVisitStart = (asOf: Date) => new Date(asOf.getTime() - FIRST_VISIT_DAYS * 24 * 60 * 60 * 1000);

/** Staff members' visits to classes (`staff_class_visit`) and the history since. Typed raw SQL. */
@Injectable()
export class ChangesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The window of a summary now: since the caller's last visit (or FIRST_VISIT_DAYS back), to now. */
  async window(staffId: string, classId: string): Promise<VisitWindow> {
    const rows = await this.dataSource.query<WindowRow[]>(
      `WITH clock AS (${SUMMARY_CLOCK})
       SELECT clock.as_of, v.seen_at
       FROM clock
       LEFT JOIN staff_class_visit v ON v.staff_user_id = $1 AND v.class_id = $2`,
      [staffId, classId],
    );
    const row = firstRow(rows, 'the visit window');
    return { asOf: row.as_of, seenAt: row.seen_at, since: row.seen_at ?? firstVisitStart(row.as_of) };
  }

  /** The class's news in the window, newest first, the list cut at `limit`; the counts count all. */
  async news(staffId: string, classId: string, window: VisitWindow, limit: number): Promise<ClassNews> {
    const parameters = { staffId, classId, since: window.since, asOf: window.asOf };
    const ctes = `WITH clock AS (SELECT CAST(:asOf AS timestamptz) AS as_of),
      windows AS (SELECT CAST(:classId AS uuid) AS class_id, CAST(:since AS timestamptz) AS since),
      ${NEWS}`;
    const [counts, rows] = await Promise.all([
      namedQuery<CountsRow>(this.dataSource.manager, `${ctes} ${NEWS_COUNTS}`, parameters),
      namedQuery<ChangeRow>(
        this.dataSource.manager,
        `${ctes}
         SELECT n.change_kind AS kind, n.person_id, n.family_id, n.person_kind, n.display_name,
                ARRAY(SELECT s.display_name FROM person s
                      WHERE s.family_id = n.family_id AND s.class_id = n.class_id AND s.kind = 'student' AND s.archived_at IS NULL
                      ORDER BY s.display_name) AS student_names,
                (array_agg(n.path_id ORDER BY n.id DESC))[1] AS path_id,
                json_agg(json_build_object(
                  'step', n.step,
                  'chat', CASE WHEN n.chat_id IS NULL THEN NULL
                          ELSE json_build_object('kind', n.chat_kind, 'audience', n.chat_audience, 'name', n.chat_name) END,
                  'blockerReason', n.blocker_reason) ORDER BY n.id) FILTER (WHERE n.change_kind <> 'opted_out') AS items,
                (array_agg(n.opt_out_channel ORDER BY n.id DESC))[1] AS channel,
                (array_agg(n.source ORDER BY n.id DESC))[1] AS source,
                max(n.created_at) AS at
         FROM news n
         GROUP BY n.class_id, n.change_kind, n.person_id, n.family_id, n.person_kind, n.display_name
         ORDER BY max(n.id) DESC
         LIMIT :limit`,
        { ...parameters, limit },
      ),
    ]);
    const count = counts[0];
    return {
      counts: { marked: count?.marked ?? 0, blocked: count?.blocked ?? 0, optedOut: count?.opted_out ?? 0 },
      changes: rows.map((row) => ({
        kind: row.kind,
        personId: row.person_id,
        familyId: row.family_id,
        personKind: row.person_kind,
        personName: row.display_name,
        studentNames: row.student_names,
        pathId: row.path_id,
        items: row.items ?? [],
        channel: row.kind === 'opted_out' ? row.channel : null,
        source: row.source,
        at: row.at.toISOString(),
      })),
    };
  }

  /**
   * Every class of `scope` (a condition on the class `c`), not archived, with
   * its counters as a whole and its news since the caller's visit: one query.
   */
  async overview(staffId: string, scope: SqlCondition, schoolId: string | null): Promise<ClassOverviewRow[]> {
    const rows = await namedQuery<OverviewRow>(
      this.dataSource.manager,
      `WITH clock AS (${SUMMARY_CLOCK}),
       windows AS (
         SELECT c.id AS class_id, s.path_id, v.seen_at,
                COALESCE(v.seen_at, clock.as_of - make_interval(days => CAST(:firstVisitDays AS int))) AS since
         FROM school_class c
         JOIN school s ON s.id = c.school_id
         CROSS JOIN clock
         LEFT JOIN staff_class_visit v ON v.class_id = c.id AND v.staff_user_id = CAST(:staffId AS uuid)
         WHERE ${scope.sql} AND c.archived_at IS NULL AND (CAST(:schoolId AS uuid) IS NULL OR c.school_id = :schoolId)
       ),
       ${NEWS},
       news_counts AS (${NEWS_COUNTS}),
       counters AS (
         SELECT class_id, json_agg(json_build_object('kind', person_kind, 'status', status, 'people', people)) AS counters
         FROM (SELECT class_id, person_kind, status, sum(people)::int AS people
               FROM class_progress
               WHERE item = 'overall' AND class_id IN (SELECT class_id FROM windows)
               GROUP BY 1, 2, 3) overall
         GROUP BY class_id
       )
       SELECT w.class_id, w.path_id, w.seen_at, w.since, clock.as_of, COALESCE(c.counters, '[]') AS counters,
              COALESCE(n.marked, 0) AS marked, COALESCE(n.blocked, 0) AS blocked, COALESCE(n.opted_out, 0) AS opted_out
       FROM windows w
       CROSS JOIN clock
       LEFT JOIN counters c ON c.class_id = w.class_id
       LEFT JOIN news_counts n ON n.class_id = w.class_id`,
      { ...scope.parameters, staffId, schoolId, firstVisitDays: FIRST_VISIT_DAYS },
    );
    return rows.map((row) => ({
      classId: row.class_id,
      pathId: row.path_id,
      seenAt: row.seen_at,
      since: row.since,
      asOf: row.as_of,
      counts: { marked: row.marked, blocked: row.blocked, optedOut: row.opted_out },
      counters: row.counters,
    }));
  }

  /**
   * Records the visit, race-safe and idempotent: one row per staff member and
   * class (ON CONFLICT), only ever moved forward (two tabs sending their own
   * times keep the later), never past now.
   */
  async markSeen(staffId: string, classId: string, seenAt: Date): Promise<Date> {
    const rows = await this.dataSource.query<Array<{ seen_at: Date }>>(
      `INSERT INTO staff_class_visit (staff_user_id, class_id, seen_at)
       VALUES ($1, $2, LEAST($3::timestamptz, date_trunc('milliseconds', now())))
       ON CONFLICT (staff_user_id, class_id)
       DO UPDATE SET seen_at = GREATEST(staff_class_visit.seen_at, EXCLUDED.seen_at)
       RETURNING seen_at`,
      [staffId, classId, seenAt],
    );
    return firstRow(rows, 'the visit').seen_at;
  }
}
