import { countHitSql } from '../common/rate-limit.sql';

/**
 * The reporting statements, in one place: the repositories run them, and the
 * benchmark's bare baseline (bench/baseline-server.mjs) runs exactly the same
 * text.
 */
export const REPORTS_SQL = {
  /**
   * All the reporting API's guard asks of PostgreSQL, in one statement: the
   * unrevoked key with this hash ($1); its last use written when older than
   * $2 seconds (kept to that precision: a repeat within it writes nothing
   * logged, so its commit waits for no WAL flush; the second condition lets
   * a request that waited for another's update of the row skip its own); and
   * a hit in the key's rate-limit bucket (`report-key:<id>`, windows of $3
   * seconds). No row when there is no such key, and then nothing is written.
   */
  useApiKey: `WITH key AS (
      SELECT id, district_id, last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2) AS stale
      FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL
    ), used AS (
      UPDATE api_key k SET last_used_at = now() FROM key
      WHERE k.id = key.id AND key.stale
        AND (k.last_used_at IS NULL OR k.last_used_at < now() - make_interval(secs => $2))
    ), hit AS (
      ${countHitSql(`SELECT 'report-key:' || id, now(), 1 FROM key`, '$3')}
    )
    SELECT key.id, key.district_id, hit.hits, hit.retry_after FROM key CROSS JOIN hit`,
  districtName: `SELECT name FROM district WHERE id = $1`,
  districtSchools: `SELECT s.id, s.name, s.path_id, (SELECT count(*)::int FROM school_class c WHERE c.school_id = s.id AND c.archived_at IS NULL) AS classes
    FROM school s WHERE s.district_id = $1 ORDER BY s.name`,
  districtCounters: `SELECT cp.school_id, cp.person_kind, cp.item, cp.status, cp.blocker_reason, sum(cp.people)::int AS people
    FROM class_progress cp JOIN school_class c ON c.id = cp.class_id AND c.archived_at IS NULL
    WHERE cp.district_id = $1
    GROUP BY 1, 2, 3, 4, 5`,
  /**
   * A school of the district ($1 of $2) with its classes, each with its
   * counters as arrays ([person_kind, item, status, blocker_reason, people]:
   * half the work of an object per row, measured), as JSON, in one
   * statement: one snapshot, so a path switch or a class moved lands wholly
   * before or after it without a transaction. No row: not a school of that
   * district.
   */
  school: `SELECT s.name, s.path_id,
      (SELECT COALESCE(json_agg(json_build_object('id', c.id, 'grade', c.grade, 'letter', c.letter, 'academic_year', c.academic_year,
                'counters', (SELECT COALESCE(json_agg(json_build_array(cp.person_kind, cp.item, cp.status, cp.blocker_reason, cp.people)), '[]')
                             FROM class_progress cp WHERE cp.class_id = c.id))
              ORDER BY c.grade, c.letter), '[]')
       FROM school_class c WHERE c.school_id = s.id AND c.archived_at IS NULL) AS classes
    FROM school s WHERE s.id = $1 AND s.district_id = $2`,
  /**
   * Snapshot counters summed per day and path. A class with no counters still
   * gives its day and path (with a null item), so that a day of empty classes
   * is a day of zeros, not a gap.
   */
  historyCounters: `SELECT to_char(ps.day, 'YYYY-MM-DD') AS day, ps.path_id, x.person_kind, x.item, x.status, x.blocker_reason,
           sum(x.people)::int AS people
    FROM progress_snapshot ps
    LEFT JOIN LATERAL jsonb_to_recordset(ps.counters) AS x(person_kind text, item text, status text, blocker_reason text, people int) ON true
    WHERE ps.district_id = $1 AND ps.day BETWEEN $2::date AND $3::date
      AND ($4::uuid IS NULL OR ps.school_id = $4::uuid) AND ($5::uuid IS NULL OR ps.class_id = $5::uuid)
    GROUP BY 1, 2, 3, 4, 5, 6`,
} as const;
