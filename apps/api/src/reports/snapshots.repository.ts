import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** How far back missing days are rebuilt after downtime. */
const MAX_GAP_DAYS = 120;
/** The advisory lock that lets one copy of the API at a time take snapshots. */
const SNAPSHOT_LOCK_KEY = 724_311_002;

/** Days are Moscow days: that is when schools and districts count. */
const TODAY = `timezone('Europe/Moscow', now())::date`;

/**
 * The path of each class at the end of the day ($1), and since when it has
 * been on it: the school's path after its last switch before then; before
 * its first switch, the path it switched from; never switched, its path now.
 * `era_start` is that last switch (null before the first): events of an
 * earlier stay on the same path (vk, max, vk again) are not replayed.
 */
const CLASS_PATH_AT_DAY_END = `
  SELECT c.id AS class_id, c.district_id, c.school_id,
         COALESCE(last_change.to_path_id, first_change.from_path_id, s.path_id) AS path_id,
         last_change.changed_at AS era_start
  FROM school_class c
  JOIN school s ON s.id = c.school_id
  CROSS JOIN day_end
  LEFT JOIN LATERAL (
    SELECT x.to_path_id, x.changed_at FROM school_path_change x
    WHERE x.school_id = c.school_id AND x.changed_at < day_end.at
    ORDER BY x.changed_at DESC, x.id DESC LIMIT 1
  ) last_change ON true
  LEFT JOIN LATERAL (
    SELECT x.from_path_id FROM school_path_change x WHERE x.school_id = c.school_id ORDER BY x.changed_at, x.id LIMIT 1
  ) first_change ON true
  WHERE c.id = ANY($2::uuid[])`;

/**
 * One day ($1) of snapshots for the given classes ($2) replayed from
 * `progress_event`, in one statement. The steps are those of each class's
 * path that day, from the catalogue ($3 path ids and $4 step ids, pairwise);
 * each person's state on an item is their last event on it before the day's
 * end (a step's only within the path's era, see CLASS_PATH_AT_DAY_END). The
 * chats are those active at the day's end, each person in those their kind
 * belongs in (as syncMemberships puts them); opting out is replayed from the
 * opt-out events (neither step nor chat). Counted as the live recount counts
 * (progress.sql.ts): an opted-out person is `opted_out` on every item, and
 * `overall` is each person's status as a whole.
 */
const REBUILD_DAY = `
  WITH day_end AS (SELECT (($1::date + 1)::timestamp AT TIME ZONE 'Europe/Moscow') AS at),
  path_steps AS (SELECT * FROM unnest($3::text[], $4::text[]) AS ps(path_id, step)),
  classes AS (${CLASS_PATH_AT_DAY_END}),
  members AS (
    SELECT c.class_id, c.school_id, c.path_id, c.era_start, p.id AS person_id, p.kind
    FROM classes c JOIN person p ON p.class_id = c.class_id CROSS JOIN day_end
    WHERE p.archived_at IS NULL AND p.created_at < day_end.at
    UNION
    SELECT c.class_id, c.school_id, c.path_id, c.era_start, p.id, p.kind
    FROM classes c
    JOIN person s ON s.class_id = c.class_id AND s.kind = 'student' AND s.archived_at IS NULL
    JOIN person p ON p.family_id = s.family_id AND p.kind = 'parent' AND p.archived_at IS NULL
    CROSS JOIN day_end
    WHERE s.created_at < day_end.at AND p.created_at < day_end.at
  ),
  people AS (
    SELECT m.*, COALESCE(o.to_status = 'opted_out', false) AS opted_out
    FROM members m CROSS JOIN day_end
    LEFT JOIN LATERAL (
      SELECT e.to_status FROM progress_event e
      WHERE e.person_id = m.person_id AND e.step IS NULL AND e.chat_id IS NULL AND e.created_at < day_end.at
      ORDER BY e.id DESC LIMIT 1
    ) o ON true
  ),
  items AS (
    SELECT m.class_id, m.person_id, m.kind, m.opted_out, ps.step AS item, true AS is_step, false AS is_class_chat,
           COALESCE(e.to_status, 'not_started') AS status, COALESCE(e.blocker_reason, '') AS reason
    FROM people m JOIN path_steps ps ON ps.path_id = m.path_id CROSS JOIN day_end
    LEFT JOIN LATERAL (
      SELECT e.to_status, e.blocker_reason FROM progress_event e
      WHERE e.person_id = m.person_id AND e.step = ps.step AND e.path_id = m.path_id AND e.created_at < day_end.at
        AND (m.era_start IS NULL OR e.created_at >= m.era_start)
      ORDER BY e.id DESC LIMIT 1
    ) e ON true
    UNION ALL
    SELECT m.class_id, m.person_id, m.kind, m.opted_out, 'chat_' || ch.kind, false, ch.kind = 'class',
           COALESCE(e.to_status, 'not_joined'), COALESCE(e.blocker_reason, '')
    FROM people m CROSS JOIN day_end
    JOIN chat ch ON ch.school_id = m.school_id AND ch.created_at < day_end.at
                AND (ch.archived_at IS NULL OR ch.archived_at >= day_end.at)
                AND (ch.kind = 'school' OR (ch.class_id = m.class_id AND CASE m.kind
                       WHEN 'student' THEN ch.kind IN ('class', 'subject') AND ch.audience IN ('all', 'students')
                       ELSE ch.kind = 'class' AND ch.audience IN ('all', 'parents') END))
    LEFT JOIN LATERAL (
      SELECT e.to_status, e.blocker_reason FROM progress_event e
      WHERE e.person_id = m.person_id AND e.chat_id = ch.id AND e.created_at < day_end.at
      ORDER BY e.id DESC LIMIT 1
    ) e ON true
  ),
  overall AS (
    SELECT m.class_id, m.kind,
           CASE
             WHEN m.opted_out THEN 'opted_out'
             WHEN COALESCE(bool_and(i.status = 'done') FILTER (WHERE i.is_step), true)
                  AND COALESCE(bool_or(i.status = 'joined') FILTER (WHERE i.is_class_chat), false) THEN 'connected'
             WHEN COALESCE(bool_or(i.status = 'blocked') FILTER (WHERE i.is_step OR i.is_class_chat), false) THEN 'blocked'
             WHEN COALESCE(bool_or(i.status IN ('done', 'joined')), false) THEN 'in_progress'
             ELSE 'not_started'
           END AS status
    FROM people m LEFT JOIN items i ON i.class_id = m.class_id AND i.person_id = m.person_id
    GROUP BY m.class_id, m.person_id, m.kind, m.opted_out
  ),
  counts AS (
    SELECT class_id, kind, item, CASE WHEN opted_out THEN 'opted_out' ELSE status END AS status,
           CASE WHEN opted_out THEN '' ELSE reason END AS reason, count(*)::int AS people
    FROM items GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT class_id, kind, 'overall', status, '', count(*)::int FROM overall GROUP BY 1, 2, 4
  ),
  counters AS (
    SELECT class_id, jsonb_agg(jsonb_build_object('person_kind', kind, 'item', item, 'status', status,
                                                  'blocker_reason', reason, 'people', people)) AS counters
    FROM counts GROUP BY class_id
  )
  INSERT INTO progress_snapshot (class_id, day, district_id, school_id, path_id, counters, source)
  SELECT c.class_id, $1::date, c.district_id, c.school_id, c.path_id, COALESCE(counters.counters, '[]'::jsonb), 'events'
  FROM classes c LEFT JOIN counters ON counters.class_id = c.class_id
  ON CONFLICT (class_id, day) DO NOTHING`;

const REPLACE_TODAYS = `DO UPDATE
  SET path_id = EXCLUDED.path_id, counters = EXCLUDED.counters, taken_at = now(), source = 'counters'`;

/** Classes missing a snapshot on a day before today. */
export interface MissingDay {
  day: string;
  classIds: string[];
}

/**
 * `progress_snapshot`: one row per class and day (typed raw SQL). Every method
 * runs in the caller's transaction, which holds the snapshot lock.
 */
@Injectable()
export class SnapshotsRepository {
  /** Takes the transaction-scoped snapshot lock if no other transaction holds it. */
  async tryLock(manager: EntityManager): Promise<boolean> {
    const [lock] = await manager.query<Array<{ locked: boolean }>>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
      SNAPSHOT_LOCK_KEY,
    ]);
    return lock?.locked ?? false;
  }

  /**
   * Copies today's counters of every active class, on its school's path now;
   * a class that has today's row already gets it replaced, or keeps it;
   * returns how many classes were written.
   */
  async copyTodaysCounters(manager: EntityManager, existing: 'replace' | 'keep'): Promise<number> {
    const rows = await manager.query<unknown[]>(
      `INSERT INTO progress_snapshot (class_id, day, district_id, school_id, path_id, counters, source)
         SELECT c.id, ${TODAY}, c.district_id, c.school_id, s.path_id,
                COALESCE((SELECT jsonb_agg(jsonb_build_object('person_kind', cp.person_kind, 'item', cp.item, 'status', cp.status,
                                                              'blocker_reason', cp.blocker_reason, 'people', cp.people))
                          FROM class_progress cp WHERE cp.class_id = c.id), '[]'::jsonb),
                'counters'
         FROM school_class c JOIN school s ON s.id = c.school_id
         WHERE c.archived_at IS NULL
         ON CONFLICT (class_id, day) ${existing === 'replace' ? REPLACE_TODAYS : 'DO NOTHING'}
         RETURNING 1`,
    );
    return rows.length;
  }

  /** Each missing day before today, up to MAX_GAP_DAYS back, with the active classes that miss it, oldest first. */
  async missingDays(manager: EntityManager): Promise<MissingDay[]> {
    const rows = await manager.query<Array<{ day: string; class_ids: string[] }>>(
      `WITH classes AS (
           SELECT c.id,
                  GREATEST(
                    COALESCE((SELECT max(day) + 1 FROM progress_snapshot s WHERE s.class_id = c.id), timezone('Europe/Moscow', c.created_at)::date),
                    ${TODAY} - ${MAX_GAP_DAYS}
                  ) AS first_missing
           FROM school_class c WHERE c.archived_at IS NULL
         )
         SELECT to_char(d.day, 'YYYY-MM-DD') AS day, array_agg(classes.id) AS class_ids
         FROM classes CROSS JOIN LATERAL generate_series(classes.first_missing, ${TODAY} - 1, interval '1 day') AS d(day)
         GROUP BY d.day ORDER BY d.day`,
    );
    return rows.map((row) => ({ day: row.day, classIds: row.class_ids }));
  }

  /** Rebuilds one day of the classes from `progress_event`, on the catalogue's steps (path and step ids, pairwise). */
  async rebuildDay(
    manager: EntityManager,
    day: string,
    classIds: readonly string[],
    pathIds: readonly string[],
    stepIds: readonly string[],
  ): Promise<void> {
    await manager.query(REBUILD_DAY, [day, classIds, pathIds, stepIds]);
  }
}
