/**
 * The rate-limit statements, in one place: the repositories run them, and the
 * benchmark's bare baseline (bench/baseline-server.mjs) runs exactly the same
 * text.
 */
export const RATE_LIMIT_SQL = {
  hit: `INSERT INTO rate_limit_hit AS r (bucket, window_start, hits) VALUES ($1, now(), 1)
    ON CONFLICT (bucket) DO UPDATE SET
      hits = CASE WHEN r.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE r.hits + 1 END,
      window_start = CASE WHEN r.window_start <= now() - make_interval(secs => $2) THEN now() ELSE r.window_start END
    RETURNING hits, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS retry_after`,
  cleanup: `DELETE FROM rate_limit_hit WHERE window_start < now() - interval '1 day'`,
  peek: `SELECT hits, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS retry_after
       FROM rate_limit_hit
       WHERE bucket = $1 AND window_start > now() - make_interval(secs => $2)`,
} as const;
