// `npm run bench:soak [-- --minutes 10]`: a mixed load — parents opening their
// pages and confirming steps, teachers on their class pages, district and
// school reports — first as fast as the API goes (to find its maximum), then
// for the given minutes at 70 % of it. Prints errors, latency per minute and
// the API's memory per minute, which must stay flat.
import { parseArgs } from 'node:util';
import { buildBenchApi } from './bench-database.mjs';
import { load, residentMb, withBenchStack } from './bench-stack.mjs';
import { scenarios } from './scenarios.mjs';

/** Shares of the mix: parents most, teachers next, reports a little. */
const MIX = {
  'parent-page': 0.45,
  'parent-confirm': 0.15,
  'class-view': 0.3,
  'district-report': 0.05,
  'school-report': 0.05,
};
const CONNECTIONS = 50;
const SHARE_OF_MAXIMUM = 0.7;

const { values: options } = parseArgs({ options: { minutes: { type: 'string', default: '10' } } });
const minutes = Number(options.minutes);
if (!(minutes > 0)) {
  console.error('--minutes must be a positive number');
  process.exit(2);
}

async function main() {
  buildBenchApi();
  await withBenchStack({ baseline: false }, async ({ fixtures, size, targets, apiPid }) => {
    const mixed = mixedRequest(scenarios(fixtures));
    console.log('Finding the maximum of the mix (30 s)…');
    const maximum = await load({ url: targets.api, request: mixed, seconds: 30, connections: CONNECTIONS });
    const rate = Math.max(1, Math.round(maximum.requestsPerSecond * SHARE_OF_MAXIMUM));
    console.log(`Maximum ${maximum.requestsPerSecond} req/s; soaking at ${rate} req/s for ${minutes} min.`);

    const perMinute = [];
    for (let minute = 1; minute <= Math.ceil(minutes); minute += 1) {
      const seconds = Math.min(60, Math.round((minutes - (minute - 1)) * 60));
      const result = await load({ url: targets.api, request: mixed, seconds, connections: CONNECTIONS, rate });
      const rss = residentMb(apiPid);
      perMinute.push({ minute, ...result, rssMb: rss });
      console.log(
        `  minute ${minute}: ${result.requestsPerSecond} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ` +
          `non-2xx ${result.non2xx}, errors ${result.errors}, API RSS ${rss} MB`,
      );
    }
    const totals = perMinute.reduce(
      (sum, m) => ({
        requests: sum.requests + m.requests,
        non2xx: sum.non2xx + m.non2xx,
        errors: sum.errors + m.errors,
      }),
      {
        requests: 0,
        non2xx: 0,
        errors: 0,
      },
    );
    const first = perMinute[0].rssMb;
    const last = perMinute[perMinute.length - 1].rssMb;
    console.log(
      `\nSoak: ${size.students.toLocaleString('en')} students, ${minutes} min at ${rate} req/s (70 % of ${maximum.requestsPerSecond}).`,
    );
    console.log(`Requests ${totals.requests.toLocaleString('en')}, non-2xx ${totals.non2xx}, errors ${totals.errors}.`);
    console.log(
      `API memory: ${first} MB after the first minute, ${last} MB after the last (${last - first >= 0 ? '+' : ''}${last - first} MB).`,
    );
    if (totals.non2xx + totals.errors > 0) process.exitCode = 1;
  });
}

/** One autocannon request that draws each time from the scenarios in the shares of MIX. */
function mixedRequest(all) {
  const weighted = all.map((scenario) => ({ share: MIX[scenario.id], draw: scenario.request('api').setupRequest }));
  return {
    setupRequest: (request) => {
      let roll = Math.random();
      for (const { share, draw } of weighted) {
        roll -= share;
        if (roll < 0) return draw(request);
      }
      return weighted[0].draw(request);
    },
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
