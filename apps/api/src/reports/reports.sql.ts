/**
 * The reporting statements, in one place: the repositories run them, and the
 * benchmark's bare baseline (bench/baseline-server.mjs) runs exactly the same
 * text.
 */
export const REPORTS_SQL = {
  apiKey: `SELECT id, district_id, last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2) AS stale
    FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL`,
  apiKeyUsed: `UPDATE api_key SET last_used_at = now() WHERE id = $1`,
  districtName: `SELECT name FROM district WHERE id = $1`,
  districtSchools: `SELECT s.id, s.name, s.path_id, (SELECT count(*)::int FROM school_class c WHERE c.school_id = s.id AND c.archived_at IS NULL) AS classes
    FROM school s WHERE s.district_id = $1 ORDER BY s.name`,
  districtCounters: `SELECT cp.school_id, cp.person_kind, cp.item, cp.status, cp.blocker_reason, sum(cp.people)::int AS people
    FROM class_progress cp JOIN school_class c ON c.id = cp.class_id AND c.archived_at IS NULL
    WHERE cp.district_id = $1
    GROUP BY 1, 2, 3, 4, 5`,
  schoolInDistrict: `SELECT name, path_id FROM school WHERE id = $1 AND district_id = $2`,
  schoolClasses: `SELECT id, grade, letter, academic_year FROM school_class WHERE school_id = $1 AND archived_at IS NULL ORDER BY grade, letter`,
  schoolCounters: `SELECT cp.class_id, cp.person_kind, cp.item, cp.status, cp.blocker_reason, cp.people
    FROM class_progress cp JOIN school_class c ON c.id = cp.class_id AND c.archived_at IS NULL
    WHERE cp.school_id = $1`,
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
