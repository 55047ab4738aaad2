// `node bench/profile.mjs [--only parent-page,class-view] [--duration 20]`: the
// production API under load, one scenario per start, with V8's CPU profiler on;
// prints where its time went (bench/profile-summary.mjs) per scenario. Uses
// the bench database as it is (seed it first: `npm run bench:seed -- --students 20000`).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
  await withBenchStack({ baseline: false }, async ({ fixtures, targets }) => {
    const scenario = scenarios(fixtures).find((candidate) => candidate.id === id);
    if (!scenario) throw new Error(`No scenario ${id}`);
    await load({ url: targets.api, request: scenario.request('api'), seconds: 3, connections }); // warm-up
    window.from = Number(process.hrtime.bigint() / 1000n);
    const result = await load({ url: targets.api, request: scenario.request('api'), seconds, connections });
    window.to = Number(process.hrtime.bigint() / 1000n);
    console.log(
      `${id}: ${result.requestsPerSecond} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
        `non-2xx ${result.non2xx}, errors ${result.errors}`,
    );
  });
  if (options['no-profile']) continue;
  const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  writeFileSync(join(dir, 'window.json'), JSON.stringify(window));
  for (const file of files) printSummary(id, summarise(join(dir, file), window));
}
