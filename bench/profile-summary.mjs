// `node bench/profile-summary.mjs <file.cpuprofile>`: self time of a V8 CPU
// profile by function and by package (node_modules/<package>, Node's own
// code, our build, the garbage collector, idle).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package a script belongs to, as the table names it. */
export function ownerOf(url, functionName) {
  if (!url) {
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(garbage collector)') return '(gc)';
    if (functionName === '(program)') return '(program)';
    return '(native)';
  }
  if (url.startsWith('node:')) return 'node (core)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.includes('/libs/contracts/')) return 'our code (contracts)';
  if (url.includes('/apps/api/')) return 'our code (api)';
  return url;
}

/**
 * `window` ({ from, to } in µs of the monotonic clock, which V8's sample times
 * and process.hrtime share): only the samples taken under load, not the start-up.
 */
export function summarise(file, window) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  /** Native code (writev, JSON.stringify, …) is charged to the nearest caller that has a script, outside Node's own. */
  const callerOwner = (id) => {
    for (let at = parentOf.get(id); at !== undefined; at = parentOf.get(at)) {
      const { url, functionName } = byId.get(at).callFrame;
      if (url && !url.startsWith('node:')) return ownerOf(url, functionName);
    }
    return '(native)';
  };
  const selfMicros = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (window && (at < window.from || at > window.to)) return;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
  });
  const functions = new Map();
  const owners = new Map();
  const charged = new Map();
  let total = 0;
  let busy = 0;
  for (const [id, micros] of selfMicros) {
    const { callFrame } = byId.get(id);
    const owner = ownerOf(callFrame.url, callFrame.functionName);
    const where = callFrame.url
      ? `${callFrame.url.replace(/^.*\/(node_modules|apps|libs)\//, '$1/')}:${callFrame.lineNumber + 1}`
      : '';
    const key = `${callFrame.functionName || '(anonymous)'} ${where}`.trim();
    const entry = functions.get(key) ?? { key, owner, micros: 0 };
    entry.micros += micros;
    functions.set(key, entry);
    owners.set(owner, (owners.get(owner) ?? 0) + micros);
    const payer = owner === '(native)' || owner === 'node (core)' ? callerOwner(id) : owner;
    charged.set(payer, (charged.get(payer) ?? 0) + micros);
    if (owner === '(native)' || owner === 'node (core)')
      entry.callers = { ...entry.callers, [payer]: (entry.callers?.[payer] ?? 0) + micros };
    total += micros;
    if (owner !== '(idle)') busy += micros;
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: total / 1000,
    busyMs: busy / 1000,
    functions: [...functions.values()].sort((a, b) => b.micros - a.micros),
    owners: sorted(owners).map(([owner, micros]) => ({ owner, micros })),
    charged: sorted(charged).map(([owner, micros]) => ({ owner, micros })),
  };
}

export function printSummary(title, summary, top = 15) {
  const share = (micros) => `${((100 * micros) / (summary.busyMs * 1000)).toFixed(1)} %`;
  console.log(
    `\n${title}: ${(summary.totalMs / 1000).toFixed(1)} s profiled, ${(summary.busyMs / 1000).toFixed(1)} s busy (shares are of busy time)`,
  );
  console.log('\nTop functions by self time:');
  for (const entry of summary.functions.filter((item) => item.owner !== '(idle)').slice(0, top))
    console.log(
      `  ${share(entry.micros).padStart(7)}  ${entry.key}  [${entry.owner}]` +
        (entry.callers
          ? ` called from ${Object.entries(entry.callers)
              .sort((a, b) => b[1] - a[1])
              .slice(0, 3)
              .map(([payer, micros]) => `${payer} ${share(micros)}`)
              .join(', ')}`
          : ''),
    );
  console.log('\nBy package:');
  for (const { owner, micros } of summary.owners.filter((item) => item.owner !== '(idle)'))
    console.log(`  ${share(micros).padStart(7)}  ${owner}`);
  console.log("\nBy package, Node's own and native code charged to the package that called it:");
  for (const { owner, micros } of summary.charged.filter((item) => item.owner !== '(idle)').slice(0, top))
    console.log(`  ${share(micros).padStart(7)}  ${owner}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // A window.json beside the profile (bench/profile.mjs writes one) keeps the start-up out.
  for (const file of process.argv.slice(2)) {
    const beside = join(dirname(file), 'window.json');
    const window = existsSync(beside) ? JSON.parse(readFileSync(beside, 'utf8')) : undefined;
    printSummary(file, summarise(file, window), Number(process.env.TOP ?? 15));
  }
}
