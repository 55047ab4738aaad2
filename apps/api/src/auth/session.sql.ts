/**
 * A staff session's statements, in one place: the repositories run them, and the
 * benchmark's bare baseline (bench/baseline-server.mjs) runs exactly the same
 * text.
 */
export const SESSION_SQL = {
  authenticate: `SELECT s.id AS session_id, u.id AS user_id, u.role, u.district_id, u.school_id,
           s.last_seen_at < now() - make_interval(secs => $3) AS stale
    FROM staff_session s
    JOIN staff_user u ON u.id = s.staff_user_id
    WHERE s.token_hash = $1
      AND s.expires_at > now()
      AND s.last_seen_at > now() - make_interval(mins => $2)
      AND u.deactivated_at IS NULL`,
  touch: `UPDATE staff_session SET last_seen_at = now() WHERE id = $1`,
} as const;
