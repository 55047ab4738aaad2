/**
 * The reporting statements, in one place: the services run them, and the
 * benchmark's bare baseline (bench/baseline-server.mjs) runs exactly the same
 * text.
 */
export const REPORTS_SQL = {
  apiKey: `SELECT id, district_id, last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2) AS stale
    FROM api_key WHERE key_hash = $1 AND revoked_at IS NULL`,
  apiKeyUsed: `UPDATE api_key SET last_used_at = now() WHERE id = $1`,
  districtName: `SELECT name FROM district WHERE id = $1`,
  districtSchools: `SELECT s.id, s.name, (SELECT count(*)::int FROM school_class c WHERE c.school_id = s.id AND c.archived_at IS NULL) AS classes
    FROM school s WHERE s.district_id = $1 ORDER BY s.name`,
  districtCounters: `SELECT cp.school_id, cp.person_kind, cp.item, cp.status, cp.blocker_reason, sum(cp.people)::int AS people
    FROM class_progress cp JOIN school_class c ON c.id = cp.class_id AND c.archived_at IS NULL
    WHERE cp.district_id = $1
    GROUP BY 1, 2, 3, 4, 5`,
  schoolInDistrict: `SELECT name FROM school WHERE id = $1 AND district_id = $2`,
  schoolClasses: `SELECT id, grade, letter, academic_year FROM school_class WHERE school_id = $1 AND archived_at IS NULL ORDER BY grade, letter`,
  schoolCounters: `SELECT cp.class_id, cp.person_kind, cp.item, cp.status, cp.blocker_reason, cp.people
    FROM class_progress cp JOIN school_class c ON c.id = cp.class_id AND c.archived_at IS NULL
    WHERE cp.school_id = $1`,
} as const;
