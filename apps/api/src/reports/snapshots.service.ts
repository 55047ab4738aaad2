import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** How far back missing days are rebuilt after downtime. */
const MAX_GAP_DAYS = 120;
const SNAPSHOT_LOCK_KEY = 724_311_002;

/** Days are Moscow days: that is when schools and districts count. */
const TODAY = `timezone('Europe/Moscow', now())::date`;

/**
 * The daily snapshots behind the charts: one row per class and day. Today's
 * copies the exact counters (run again, it replaces itself); days missed
 * while the service was down are rebuilt from the history of changes.
 */
@Injectable()
export class SnapshotsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Snapshots of today for every active class; returns how many classes. */
  async snapshotToday(): Promise<number> {
    return this.exclusively(async (manager) => {
      const rows = await manager.query<unknown[]>(
        `INSERT INTO progress_snapshot (class_id, day, district_id, school_id, counters, source)
         SELECT c.id, ${TODAY}, c.district_id, c.school_id,
                COALESCE((SELECT jsonb_agg(jsonb_build_object('person_kind', cp.person_kind, 'item', cp.item, 'status', cp.status,
                                                              'blocker_reason', cp.blocker_reason, 'people', cp.people))
                          FROM class_progress cp WHERE cp.class_id = c.id), '[]'::jsonb),
                'counters'
         FROM school_class c WHERE c.archived_at IS NULL
         ON CONFLICT (class_id, day) DO UPDATE SET counters = EXCLUDED.counters, taken_at = now(), source = 'counters'
         RETURNING 1`,
      );
      return rows.length;
    });
  }

  /**
   * Rebuilds every missing day before today, for every active class, since its
   * last snapshot (or its creation), from `progress_event`: each person's state
   * at the end of that day is their last change before it. People are taken
   * in the class they are in now (moves are not replayed).
   */
  async fillGaps(): Promise<number> {
    return this.exclusively(async (manager) => {
      const missing = await manager.query<Array<{ day: string; class_ids: string[] }>>(
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
      for (const { day, class_ids } of missing) {
        await this.rebuildDay(manager, day, class_ids);
      }
      return missing.reduce((sum, row) => sum + row.class_ids.length, 0);
    });
  }

  private async rebuildDay(manager: EntityManager, day: string, classIds: string[]): Promise<void> {
    await manager.query(
      `WITH day_end AS (SELECT (($1::date + 1)::timestamp AT TIME ZONE 'Europe/Moscow') AS at),
       members AS (
         SELECT p.class_id, p.id AS person_id, p.kind FROM person p, day_end
         WHERE p.class_id = ANY($2::uuid[]) AND p.archived_at IS NULL AND p.created_at < day_end.at
         UNION
         SELECT s.class_id, p.id, p.kind FROM person s JOIN person p ON p.family_id = s.family_id AND p.kind = 'parent', day_end
         WHERE s.class_id = ANY($2::uuid[]) AND s.kind = 'student' AND s.archived_at IS NULL AND p.archived_at IS NULL
           AND s.created_at < day_end.at AND p.created_at < day_end.at
       ),
       states AS (
         SELECT m.class_id, m.kind, step.id AS item, COALESCE(e.to_status, 'not_started') AS status, COALESCE(e.blocker_reason, '') AS reason
         FROM members m CROSS JOIN unnest(ARRAY['vk_id', 'sferum_profile', 'messenger']) AS step(id)
         LEFT JOIN LATERAL (
           SELECT to_status, blocker_reason FROM progress_event e, day_end
           WHERE e.person_id = m.person_id AND e.step = step.id AND e.created_at < day_end.at ORDER BY e.id DESC LIMIT 1
         ) e ON true
         UNION ALL
         SELECT m.class_id, m.kind, 'chat_' || ch.kind, COALESCE(e.to_status, 'not_joined'), COALESCE(e.blocker_reason, '')
         FROM members m
         JOIN chat_membership cm ON cm.person_id = m.person_id
         JOIN chat ch ON ch.id = cm.chat_id AND ch.archived_at IS NULL AND (ch.class_id = m.class_id OR ch.kind = 'school')
         CROSS JOIN day_end
         LEFT JOIN LATERAL (
           SELECT to_status, blocker_reason FROM progress_event e
           WHERE e.person_id = m.person_id AND e.chat_id = ch.id AND e.created_at < day_end.at ORDER BY e.id DESC LIMIT 1
         ) e ON true
         WHERE ch.created_at < day_end.at
       ),
       counts AS (
         SELECT class_id, jsonb_agg(jsonb_build_object('person_kind', kind, 'item', item, 'status', status,
                                                       'blocker_reason', reason, 'people', people)) AS counters
         FROM (SELECT class_id, kind, item, status, reason, count(*)::int AS people FROM states GROUP BY 1, 2, 3, 4, 5) grouped
         GROUP BY class_id
       )
       INSERT INTO progress_snapshot (class_id, day, district_id, school_id, counters, source)
       SELECT c.id, $1::date, c.district_id, c.school_id, COALESCE(counts.counters, '[]'::jsonb), 'events'
       FROM school_class c LEFT JOIN counts ON counts.class_id = c.id
       WHERE c.id = ANY($2::uuid[])
       ON CONFLICT (class_id, day) DO NOTHING`,
      [day, classIds],
    );
  }

  /** One copy of the API at a time takes snapshots; the others skip. */
  private async exclusively(work: (manager: EntityManager) => Promise<number>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [lock] = await manager.query<Array<{ locked: boolean }>>(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
        SNAPSHOT_LOCK_KEY,
      ]);
      return lock?.locked ? work(manager) : 0;
    });
  }
}
