// `npm run bench:explain`: EXPLAIN (ANALYZE, BUFFERS) of every hot query of
// the benchmarked endpoints against the bench database, with sample inputs
// taken from it. Prints one line per query (time, buffers, sequential scans)
// and writes the full plans to .data/bench/explain-<time>.txt. Statements that
// write run inside a transaction that is rolled back.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT } from '../tools/stack.mjs';
import { BENCH_API_DIST, benchLinkToken, buildBenchApi, openBenchServer, sha256 } from './bench-database.mjs';

const require = createRequire(import.meta.url);

async function main() {
  buildBenchApi();
  // Loaded after the build: the statements come from it.
  const { hotQueries } = await import('./hot-queries.mjs');
  const { PATH_CATALOGUE, stepIdsOf } = require(join(BENCH_API_DIST, 'libs/contracts/src/index.js'));
  const server = await openBenchServer();
  const client = new pg.Client({ connectionString: server.url });
  try {
    await client.connect();
    const sample = await sampleInputs(client, PATH_CATALOGUE, stepIdsOf);
    console.log(
      `Sample: a student of a ${sample.pathId} school of the largest district who has not started its first step.\n`,
    );
    const report = [];
    console.log('| Query | ms | shared hit | read | seq scans |\n| --- | --- | --- | --- | --- |');
    for (const query of hotQueries(sample)) {
      // Three runs, each rolled back: a warm-up (the cache as a running server has it), the numbers, the text plan.
      const explain = async (options) => {
        await client.query('BEGIN');
        try {
          for (const [sql, params] of query.before ?? []) await client.query(sql, params);
          const { rows } = await client.query(`EXPLAIN (${options}) ${query.sql}`, query.params);
          return rows;
        } finally {
          await client.query('ROLLBACK');
        }
      };
      await explain('ANALYZE');
      const plan = (await explain('ANALYZE, BUFFERS, FORMAT JSON'))[0]['QUERY PLAN'][0];
      const text = await explain('ANALYZE, BUFFERS');
      const seqScans = sequentialScans(plan.Plan);
      console.log(
        `| ${query.name} | ${plan['Execution Time'].toFixed(2)} | ${plan.Plan['Shared Hit Blocks']} | ${plan.Plan['Shared Read Blocks']} | ${[...new Set(seqScans)].join(', ') || '—'} |`,
      );
      report.push(`### ${query.name}\n${query.sql}\n\n${text.map((row) => row['QUERY PLAN']).join('\n')}\n`);
    }
    const dir = join(ROOT, '.data/bench');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `explain-${new Date().toISOString().replace(/[:.]/g, '-')}.txt`);
    writeFileSync(file, report.join('\n'));
    console.log(`\nFull plans: ${file}`);
  } finally {
    await client.end().catch(() => undefined);
    await server.stop();
  }
}

/** The tables a plan reads from end to end. */
function sequentialScans(node) {
  const own = node['Node Type'] === 'Seq Scan' ? [node['Relation Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap(sequentialScans)];
}

/**
 * A family, a person who has not started the first step of their school's
 * path (MAX, as most schools), a class with its teacher, the large district
 * and one of its schools.
 */
async function sampleInputs(client, catalogue, stepIdsOf) {
  const {
    rows: [district],
  } = await client.query(`SELECT district_id AS id FROM school GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
  const path = catalogue.get('max');
  const {
    rows: [person],
  } = await client.query(
    `SELECT p.id, p.family_id, p.class_id FROM person p
     JOIN school s ON s.id = p.school_id AND s.path_id = $2
     JOIN person_step ps ON ps.person_id = p.id AND ps.step = $3 AND ps.status = 'not_started'
     WHERE p.kind = 'student' AND p.district_id = $1 AND p.opted_out_at IS NULL LIMIT 1`,
    [district.id, path.id, stepIdsOf(path)[0]],
  );
  const {
    rows: [school],
  } = await client.query(`SELECT school_id AS id FROM school_class WHERE id = $1`, [person.class_id]);
  const {
    rows: [teacher],
  } = await client.query(`SELECT staff_user_id AS id FROM teacher_class WHERE class_id = $1`, [person.class_id]);
  const { rows: people } = await client.query(
    `SELECT id FROM person WHERE class_id = $1 UNION SELECT p.id FROM person p JOIN person s ON s.family_id = p.family_id AND s.class_id = $1 WHERE p.kind = 'parent'`,
    [person.class_id],
  );
  const {
    rows: [invite],
  } = await client.query(`SELECT id FROM invite WHERE family_id = $1 AND revoked_at IS NULL`, [person.family_id]);
  return {
    districtId: district.id,
    inviteId: invite.id,
    schoolId: school.id,
    classId: person.class_id,
    teacherId: teacher.id,
    personId: person.id,
    familyId: person.family_id,
    tokenHash: sha256(benchLinkToken(person.family_id)),
    classPeople: people.map((row) => row.id),
    pathId: path.id,
    stepIds: stepIdsOf(path),
    // What PeopleViewRepository.loadClassView passes: every path's steps in order.
    stepOrders: catalogue.paths.flatMap((each) => stepIdsOf(each).map((step) => `${each.id} ${step}`)),
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
