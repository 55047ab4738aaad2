/**
 * The rate-limit statements, in one place: the repositories run them, and the
 * benchmark's bare baseline (bench/baseline-server.mjs) runs exactly the same
 * text. `rate_limit_hit` is UNLOGGED: a hit writes no WAL and its commit
 * waits for no fsync (docs/architecture.md).
 */
export const RATE_LIMIT_SQL = {
  hit: `INSERT INTO rate_limit_hit AS r (bucket, window_start, hits) VALUES ($1, now(), 1)
    ON CONFLICT (bucket) DO UPDATE SET
      hits = CASE WHEN r.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE r.hits + 1 END,
      window_start = CASE WHEN r.window_start <= now() - make_interval(secs => $2) THEN now() ELSE r.window_start END
    RETURNING hits, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS retry_after`,
  /**
   * One decision in one statement: while the guard bucket ($1, window $2) has
   * $3 hits or more, refuse and count nothing (blocked_retry_after); else
   * count a hit in bucket $4 (window $5), which may be the guard itself.
   */
  hitUnlessBlocked: `WITH blocked AS (
      SELECT ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS retry_after
      FROM rate_limit_hit
      WHERE bucket = $1 AND hits >= $3 AND window_start > now() - make_interval(secs => $2)
    ), counted AS (
      INSERT INTO rate_limit_hit AS r (bucket, window_start, hits)
      SELECT $4, now(), 1 WHERE NOT EXISTS (SELECT FROM blocked)
      ON CONFLICT (bucket) DO UPDATE SET
        hits = CASE WHEN r.window_start <= now() - make_interval(secs => $5) THEN 1 ELSE r.hits + 1 END,
        window_start = CASE WHEN r.window_start <= now() - make_interval(secs => $5) THEN now() ELSE r.window_start END
      RETURNING hits, ceil(extract(epoch FROM window_start + make_interval(secs => $5) - now()))::int AS retry_after
    )
    SELECT b.retry_after AS blocked_retry_after, c.hits, c.retry_after
    FROM (SELECT) one LEFT JOIN blocked b ON true LEFT JOIN counted c ON true`,
  cleanup: `DELETE FROM rate_limit_hit WHERE window_start < now() - interval '1 day'`,
  peek: `SELECT hits, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS retry_after
       FROM rate_limit_hit
       WHERE bucket = $1 AND window_start > now() - make_interval(secs => $2)`,
} as const;
