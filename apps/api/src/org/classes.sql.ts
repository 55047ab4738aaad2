/**
 * A class with its teachers, in one place: the services run it, and the
 * benchmark's bare baseline (bench/baseline-server.mjs) runs exactly the same
 * text.
 */
const SUMMARY = `
  SELECT c.id, c.district_id, c.school_id, c.grade, c.letter, c.academic_year, c.archived_at,
         c.parent_contact, to_char(c.deadline, 'YYYY-MM-DD') AS deadline,
         COALESCE(
           json_agg(json_build_object('id', u.id, 'fullName', u.full_name) ORDER BY u.full_name)
             FILTER (WHERE u.id IS NOT NULL),
           '[]'
         ) AS teachers
  FROM school_class c
  LEFT JOIN teacher_class tc ON tc.class_id = c.id
  LEFT JOIN staff_user u ON u.id = tc.staff_user_id AND u.deactivated_at IS NULL`;

export const CLASSES_SQL = {
  /** Followed by a WHERE on `c`, then GROUP BY c.id. */
  summary: SUMMARY,
  summaryById: `${SUMMARY} WHERE c.id = $1 GROUP BY c.id`,
} as const;
