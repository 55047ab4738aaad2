// The checks the seed and the benchmark end with: stored counters against
// the API's own recount, and stored snapshots against the API's own replay of
// the history. Both run the API's code from a build, so they check the data
// against the product's definition (progress/progress.sql.ts,
// reports/snapshots.service.ts), not against a copy of it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const COUNTER_COLUMNS = 'class_id, person_kind, item, status, blocker_reason, people';
const RECORD = 'person_kind text, item text, status text, blocker_reason text, people int';

/**
 * How many `class_progress` rows of the classes differ from what the API's
 * recount (PROGRESS_SQL.recountClasses, with its class locks) writes for them;
 * run in a transaction that is rolled back, so nothing changes.
 */
export async function countersDifferFromRecount(client, progressSql, classIds) {
  if (classIds.length === 0) return 0;
  const ids = [...new Set(classIds)].sort();
  await client.query('BEGIN');
  try {
    await client.query(progressSql.lockClasses, [ids]);
    await client.query(
      `CREATE TEMP TABLE bench_stored ON COMMIT DROP AS SELECT ${COUNTER_COLUMNS} FROM class_progress WHERE class_id = ANY($1::uuid[])`,
      [ids],
    );
    await client.query(progressSql.deleteCounters, [ids]);
    await client.query(progressSql.recountClasses, [ids]);
    const { rows } = await client.query(
      `WITH recount AS (SELECT ${COUNTER_COLUMNS} FROM class_progress WHERE class_id = ANY($1::uuid[]))
       SELECT count(*)::int AS n FROM ((TABLE recount EXCEPT TABLE bench_stored) UNION ALL (TABLE bench_stored EXCEPT TABLE recount)) d`,
      [ids],
    );
    return rows[0].n;
  } finally {
    await client.query('ROLLBACK');
  }
}

/**
 * How many counter rows (or paths) of the classes' snapshots of yesterday
 * differ from what the API's snapshot job rebuilds from `progress_event` for
 * that day (SnapshotsService.fillGaps, run on those classes alone by taking
 * their snapshot of yesterday away first; put back after). Null when the
 * last snapshot is not yesterday's (a seed that ran past midnight): then
 * fillGaps would rebuild a day for every class, and the check is skipped.
 * @param {(path: string) => any} fromBuild loads a module of the API build by its path under the build's root
 */
export async function snapshotsDifferFromReplay(url, client, classIds, fromBuild) {
  const ids = [...new Set(classIds)];
  const {
    rows: [day],
  } = await client.query(
    `SELECT to_char(max(day), 'YYYY-MM-DD') AS last, max(day) = timezone('Europe/Moscow', now())::date - 1 AS yesterday FROM progress_snapshot`,
  );
  if (!day.yesterday) return null;
  const { rows: seeded } = await client.query(
    `SELECT class_id, to_char(day, 'YYYY-MM-DD') AS day, district_id, school_id, path_id, counters, taken_at::text AS taken_at, source
     FROM progress_snapshot WHERE class_id = ANY($1::uuid[]) AND day = $2`,
    [ids, day.last],
  );
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = fromBuild('apps/api/src/database/data-source-options.js');
  const { SnapshotsService } = fromBuild('apps/api/src/reports/snapshots.service.js');
  const { SnapshotsRepository } = fromBuild('apps/api/src/reports/snapshots.repository.js');
  const { PATH_CATALOGUE } = fromBuild('libs/contracts/src/index.js');
  const dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 }));
  await dataSource.initialize();
  await client.query(`DELETE FROM progress_snapshot WHERE class_id = ANY($1::uuid[]) AND day = $2`, [ids, day.last]);
  try {
    const rebuilt = await new SnapshotsService(dataSource, new SnapshotsRepository(), PATH_CATALOGUE).fillGaps();
    if (rebuilt !== seeded.length)
      throw new Error(`The snapshot job rebuilt ${rebuilt} class days, not the ${seeded.length} taken away.`);
    const { rows } = await client.query(
      `WITH seeded AS (
         SELECT x.class_id, x.path_id, c.* FROM jsonb_to_recordset($1::jsonb) AS x(class_id uuid, path_id text, counters jsonb)
         CROSS JOIN LATERAL jsonb_to_recordset(x.counters) AS c(${RECORD})
       ),
       replayed AS (
         SELECT s.class_id, s.path_id, c.* FROM progress_snapshot s CROSS JOIN LATERAL jsonb_to_recordset(s.counters) AS c(${RECORD})
         WHERE s.class_id = ANY($2::uuid[]) AND s.day = $3 AND s.source = 'events'
       )
       SELECT count(*)::int AS n FROM ((TABLE seeded EXCEPT TABLE replayed) UNION ALL (TABLE replayed EXCEPT TABLE seeded)) d`,
      [JSON.stringify(seeded), ids, day.last],
    );
    return rows[0].n;
  } finally {
    await dataSource.destroy();
    await client.query('BEGIN');
    await client.query(`DELETE FROM progress_snapshot WHERE class_id = ANY($1::uuid[]) AND day = $2`, [ids, day.last]);
    await client.query(
      `INSERT INTO progress_snapshot (class_id, day, district_id, school_id, path_id, counters, taken_at, source)
       SELECT class_id, day, district_id, school_id, path_id, counters, taken_at, source
       FROM jsonb_populate_recordset(NULL::progress_snapshot, $1::jsonb)`,
      [JSON.stringify(seeded)],
    );
    await client.query('COMMIT');
  }
}
