/**
 * One hit counted, as an upsert so that concurrent requests never lose one:
 * `rows` selects the bucket, now() and 1 (no row, nothing counted);
 * `windowSeconds` is the statement's expression for the bucket's window.
 * Returns hits and retry_after. `hit` is it alone; the statements that also
 * read what their request needs (one round trip instead of two) embed it.
 */
export function countHitSql(rows: string, windowSeconds: string): string {
  return `INSERT INTO rate_limit_hit AS r (bucket, window_start, hits) ${rows}
      ON CONFLICT (bucket) DO UPDATE SET
        hits = CASE WHEN r.window_start <= now() - make_interval(secs => ${windowSeconds}) THEN 1 ELSE r.hits + 1 END,
        window_start = CASE WHEN r.window_start <= now() - make_interval(secs => ${windowSeconds}) THEN now() ELSE r.window_start END
      RETURNING hits, ceil(extract(epoch FROM window_start + make_interval(secs => ${windowSeconds}) - now()))::int AS retry_after`;
}

/**
 * The rate-limit statements, in one place: the repositories run them, and the
 * benchmark's bare baseline (bench/baseline-server.mjs) runs exactly the same
 * text. `rate_limit_hit` is UNLOGGED: a hit writes no WAL and its commit
 * waits for no fsync (docs/architecture.md).
 */
export const RATE_LIMIT_SQL = {
  hit: countHitSql('VALUES ($1, now(), 1)', '$2'),
  cleanup: `DELETE FROM rate_limit_hit WHERE window_start < now() - interval '1 day'`,
  peek: `SELECT hits, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS retry_after
       FROM rate_limit_hit
       WHERE bucket = $1 AND window_start > now() - make_interval(secs => $2)`,
} as const;

/**
 * One rate-limit decision, as the CTEs `blocked` and `counted` of a statement
 * that first finds what the request is about in a CTE named `found` (one row
 * or none, with an `id`), so that finding it and deciding are one round trip.
 * Its five parameters, from `$first` on: the guard bucket, its window in
 * seconds, its limit, the prefix of a found row's own bucket, that bucket's
 * window. While the guard has reached its limit, `blocked` holds the seconds
 * until its window closes and nothing is counted; else `counted` holds, after
 * one hit (countHitSql), the window of the found row's own bucket (prefix
 * and id) or, when nothing was found, of the guard itself.
 */
export function rateLimitDecisionAfterLookUp(first: number): string {
  const [guard, guardWindow, guardLimit, ownPrefix, ownWindow] = [0, 1, 2, 3, 4].map((n) => `$${first + n}`);
  // A bucket is the guard or a found row's own: its window follows from its name.
  const windowOf = (bucket: string) =>
    `CASE WHEN ${bucket} = ${guard} THEN ${guardWindow}::int ELSE ${ownWindow}::int END`;
  return `blocked AS (
      SELECT ceil(extract(epoch FROM window_start + make_interval(secs => ${guardWindow}::int) - now()))::int AS retry_after
      FROM rate_limit_hit
      WHERE bucket = ${guard} AND hits >= ${guardLimit}::int AND window_start > now() - make_interval(secs => ${guardWindow}::int)
    ), counted AS (
      ${countHitSql(
        `SELECT COALESCE(${ownPrefix}::text || (SELECT id FROM found)::text, ${guard}), now(), 1
         WHERE NOT EXISTS (SELECT FROM blocked)`,
        windowOf('r.bucket'),
      )}
    )`;
}
