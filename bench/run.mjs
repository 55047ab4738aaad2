// `npm run bench [-- --quick]`: the production build of the API against the
// bench database, side by side with the bare baseline (bench/baseline-server.mjs:
// the same SQL) and the lean ceiling (bench/lean-server.mjs: the least work
// each answer needs), driven by autocannon over loopback; then the time to import a 5,000-row class
// list and a 5,000-row whole-school list, and to write one day's snapshots for
// the whole region.
//
// --quick seeds a region of 20,000 students first and runs shorter; without
// it the database from `npm run bench:seed` is used as it is.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../tools/stack.mjs';
import { BENCH_API_DIST, buildBenchApi } from './bench-database.mjs';
import { compareAnswers } from './bench-fixtures.mjs';
import { load, residentMb, withBenchStack } from './bench-stack.mjs';
import { countersDifferFromRecount } from './recount-check.mjs';
import { printTable, scenarios } from './scenarios.mjs';

const require = createRequire(import.meta.url);

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    connections: { type: 'string', default: '50' },
    only: { type: 'string' },
  },
});
const duration = Number(options.duration ?? (options.quick ? 5 : 20));
if (options.quick) process.env.BENCH_DATABASE = 'sferum_bench_quick';
const connections = Number(options.connections);
const started = Date.now();

async function main() {
  if (options.quick) {
    const seed = spawnSync('node', [join(ROOT, 'bench/seed.mjs'), '--students', '20000'], { stdio: 'inherit' });
    if (seed.status !== 0) process.exit(seed.status ?? 1);
  }
  buildBenchApi();
  await withBenchStack(
    { baseline: true, lean: true },
    async ({ client, databaseUrl, fixtures, size, targets, apiPid }) => {
      const chosen = scenarios(fixtures, Object.keys(targets)).filter(
        (scenario) => !options.only || options.only.split(',').includes(scenario.id),
      );
      await compareAnswers(chosen, targets);
      const compared = fixtures.compare;
      console.log(
        `The baseline and the lean ceiling answer as the API does: ${compared.pageTokens.length} families, ${compared.teacherViews.length} classes, ` +
          `${compared.schoolIds.length} schools (each path; families with and without someone opted out, schools with and without step notes).`,
      );
      const memory = watchMemory(apiPid);
      const rows = [];
      for (const scenario of chosen) {
        const results = {};
        for (const [name, url] of Object.entries(targets)) {
          await load({ url, request: scenario.request(name), seconds: Math.min(3, duration), connections }); // warm-up, not counted
          results[name] = await load({ url, request: scenario.request(name), seconds: duration, connections });
        }
        rows.push({ scenario, ...results });
        console.log(
          `  ${scenario.title}: ${results.api.requestsPerSecond} req/s (baseline ${results.baseline.requestsPerSecond}, lean ceiling ${results.lean.requestsPerSecond})`,
        );
      }
      const apiMemory = memory.stop();
      const importSeconds = await timeImport(targets.api, fixtures);
      const schoolImportSeconds = await timeSchoolImport(targets.api, fixtures);
      const snapshot = await timeSnapshot(databaseUrl);
      const consistent = await checkTouchedCounters(client, fixtures);

      console.log(
        `\n${options.quick ? 'Quick run' : 'Run'}: ${size.students.toLocaleString('en')} students, ${connections} connections, ${duration} s per measurement\n`,
      );
      printTable(rows);
      console.log(
        `\nAPI memory (RSS): ${apiMemory.startMb} MB after start, ${apiMemory.maxMb} MB at most, ${apiMemory.endMb} MB at the end.`,
      );
      console.log(`Import of a 5,000-row class list: ${importSeconds.toFixed(2)} s.`);
      console.log(`Import of a 5,000-row whole-school list (10 new classes): ${schoolImportSeconds.toFixed(2)} s.`);
      console.log(
        `Snapshot of a day for the region: ${snapshot.seconds.toFixed(2)} s (${snapshot.classes.toLocaleString('en')} classes).`,
      );
      console.log(
        `Counters of the ${consistent} classes the confirmations touched equal the API's recount; their events name their school's path.`,
      );
      const resultsDir = join(ROOT, '.data/bench');
      mkdirSync(resultsDir, { recursive: true });
      const file = join(resultsDir, `results-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
      const summary = rows.map(({ scenario, api, baseline, lean }) => ({
        id: scenario.id,
        api,
        baseline,
        lean,
        apiToBaseline: Number((api.requestsPerSecond / Math.max(1, baseline.requestsPerSecond)).toFixed(2)),
        apiToLean: Number((api.requestsPerSecond / Math.max(1, lean.requestsPerSecond)).toFixed(2)),
      }));
      writeFileSync(
        file,
        JSON.stringify(
          { size, connections, duration, rows: summary, apiMemory, importSeconds, schoolImportSeconds, snapshot },
          null,
          2,
        ),
      );
      console.log(`Results: ${file}; total time ${((Date.now() - started) / 1000).toFixed(0)} s.`);
    },
  );
}

function watchMemory(pid) {
  const startMb = residentMb(pid);
  let maxMb = startMb;
  const timer = setInterval(() => (maxMb = Math.max(maxMb, residentMb(pid))), 250);
  return {
    stop: () => {
      clearInterval(timer);
      return { startMb, maxMb, endMb: residentMb(pid) };
    },
  };
}

/** A 5,000-row class list into a new class, through the API, as a school admin would (commit mode). */
async function timeImport(apiUrl, fixtures) {
  const lines = ['Ученик;Телефон ученика;Родитель 1;Телефон родителя 1;Родитель 2'];
  for (let n = 0; n < 5000; n += 1)
    lines.push(`Ученик Номер${n};;Родитель Номер${n};+7 9${String(n).padStart(9, '0')};Второй Родитель${n}`);
  const form = new FormData();
  form.append('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'big.csv');
  const begun = Date.now();
  const response = await fetch(`${apiUrl}/api/classes/${fixtures.importClassId}/import?mode=commit`, {
    method: 'POST',
    headers: { cookie: fixtures.adminCookie },
    body: form,
  });
  const seconds = (Date.now() - begun) / 1000;
  if (response.status !== 200) throw new Error(`The import answered ${response.status}: ${await response.text()}`);
  return seconds;
}

/**
 * A 5,000-row list of a whole school into the import class's school, as its
 * admin would send it: separate name columns, a «Класс» column naming ten
 * classes that do not exist yet (letter Я, which the region has not), created
 * with their chats by the import.
 */
async function timeSchoolImport(apiUrl, fixtures) {
  const lines = ['Класс;Фамилия;Имя;Мать;Телефон матери;Отец'];
  for (let n = 0; n < 5000; n += 1) {
    lines.push(
      `${(n % 10) + 1} Я;Фамилия${n};Имя${n};Мать Школьная${n};+7 8${String(n).padStart(9, '0')};Отец Школьный${n}`,
    );
  }
  const form = new FormData();
  form.append('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'school.csv');
  const begun = Date.now();
  const response = await fetch(`${apiUrl}/api/schools/${fixtures.importSchoolId}/import?mode=commit`, {
    method: 'POST',
    headers: { cookie: fixtures.adminCookie },
    body: form,
  });
  const seconds = (Date.now() - begun) / 1000;
  if (response.status !== 200)
    throw new Error(`The school import answered ${response.status}: ${await response.text()}`);
  return seconds;
}

/** The snapshot job's own code (SnapshotsService.snapshotToday) against the region. */
async function timeSnapshot(url) {
  const dist = (path) => require(join(BENCH_API_DIST, 'apps/api/src', path));
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = dist('database/data-source-options.js');
  const { SnapshotsService } = dist('reports/snapshots.service.js');
  const { SnapshotsRepository } = dist('reports/snapshots.repository.js');
  const { PATH_CATALOGUE } = require(join(BENCH_API_DIST, 'libs/contracts/src/index.js'));
  const dataSource = new DataSource(dataSourceOptions({ DATABASE_URL: url, DATABASE_POOL_SIZE: 2 }));
  await dataSource.initialize();
  try {
    const begun = Date.now();
    const classes = await new SnapshotsService(dataSource, new SnapshotsRepository(), PATH_CATALOGUE).snapshotToday();
    return { seconds: (Date.now() - begun) / 1000, classes };
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The confirmations wrote steps, events and counters: the counters of their
 * classes must equal the API's recount of them, and every event they wrote
 * must name the path of its person's school.
 */
async function checkTouchedCounters(client, fixtures) {
  const ids = fixtures.confirmations.map((c) => c.personId);
  const { SQL } = await import('./hot-queries.mjs');
  const { rows: touched } = await client.query(
    `SELECT DISTINCT ps.person_id AS id FROM person_step ps
     WHERE ps.person_id = ANY($1::uuid[]) AND ps.updated_source = 'parent_link' AND ps.updated_at > $2`,
    [ids, new Date(started)],
  );
  // The classes each counts in (a parent in each child's), as the API finds them.
  const { rows } = await client.query(SQL.classesOfPeople, [touched.map((row) => row.id)]);
  const classIds = rows.map((row) => row.class_id);
  const differences = await countersDifferFromRecount(client, SQL, classIds);
  if (differences > 0)
    throw new Error(`Counters of the touched classes differ from the API's recount in ${differences} rows.`);
  const {
    rows: [paths],
  } = await client.query(
    `SELECT count(*)::int AS events, count(*) FILTER (WHERE e.path_id <> s.path_id)::int AS wrong
     FROM progress_event e JOIN school s ON s.id = e.school_id
     WHERE e.person_id = ANY($1::uuid[]) AND e.source = 'parent_link' AND e.created_at > $2`,
    [ids, new Date(started)],
  );
  if (paths.wrong > 0)
    throw new Error(
      `${paths.wrong} of the ${paths.events} events the confirmations wrote name another path than their school's.`,
    );
  return classIds.length;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
