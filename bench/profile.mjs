// `node bench/profile.mjs [--only parent-page,class-view] [--duration 20]`: the
// production API under load, one scenario per start, with V8's CPU profiler on;
// prints where its time went (bench/profile-summary.mjs) per scenario. Uses
// the bench database as it is (seed it first: `npm run bench:seed -- --students 20000`).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT } from '../tools/stack.mjs';
import { buildBenchApi } from './bench-database.mjs';
import { load, withBenchStack } from './bench-stack.mjs';
import { printSummary, summarise } from './profile-summary.mjs';
import { scenarios } from './scenarios.mjs';

const { values: options } = parseArgs({
  options: {
    only: { type: 'string', default: 'parent-page,class-view' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '50' },
    'no-build': { type: 'boolean', default: false },
    // the same runs without the profiler, for req/s and latency as the benchmark measures them
    'no-profile': { type: 'boolean', default: false },
  },
});
const seconds = Number(options.duration);
const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const connections = Number(options.connections);

if (!options['no-build']) buildBenchApi();
for (const id of options.only.split(',')) {
  const dir = join(ROOT, `.data/bench/profile-${id}`);
  if (options['no-profile']) delete process.env.BENCH_PROFILE_DIR;
  else {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    process.env.BENCH_PROFILE_DIR = dir;
  }
  const window = {};
  await withBenchStack({ baseline: false }, async ({ fixtures, targets, apiPid }) => {
    const scenario = scenarios(fixtures).find((candidate) => candidate.id === id);
    if (!scenario) throw new Error(`No scenario ${id}`);
    await load({ url: targets.api, request: scenario.request('api'), seconds: 3, connections }); // warm-up
    const cpuBefore = cpuMs(apiPid);
    window.from = Number(process.hrtime.bigint() / 1000n);
    const result = await load({ url: targets.api, request: scenario.request('api'), seconds, connections });
    window.to = Number(process.hrtime.bigint() / 1000n);
    const cpuPerRequest = ((cpuMs(apiPid) - cpuBefore) / Math.max(1, result.requests)).toFixed(2);
    console.log(
      `${id}: ${result.requestsPerSecond} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
        `non-2xx ${result.non2xx}, errors ${result.errors}; the API's CPU per request ${cpuPerRequest} ms`,
    );
  });
  if (options['no-profile']) continue;
  const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  writeFileSync(join(dir, 'window.json'), JSON.stringify(window));
  for (const file of files) printSummary(id, summarise(join(dir, file), window));
}

/**
 * The CPU time the process has used (user and system), in ms: per request it
 * tells more than req/s on a machine whose cores other work shares.
 */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of proc(5))
  return (ticks * 1000) / CLOCK_TICKS;
}
