import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The processes of a PostgreSQL server started on `dataDir`: the postmaster
 * (from postmaster.pid) and its children (every backend and background worker),
 * for a test that freezes or kills the whole server as a hung or crashed
 * machine would. Linux only (/proc).
 */
export function serverProcesses(dataDir: string): number[] {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  if (!Number.isInteger(postmaster) || postmaster <= 0) throw new Error(`No postmaster pid in ${dataDir}`);
  const children = readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => parentOf(Number(entry)) === postmaster)
    .map(Number);
  return [postmaster, ...children];
}

/** SIGSTOP to every process of the server, the postmaster first so that it forks no new backend meanwhile. */
export function freezeServer(dataDir: string): number[] {
  const pids = serverProcesses(dataDir);
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
  return pids;
}

export function thawServer(pids: number[]): void {
  for (const pid of [...pids].reverse()) signalIfAlive(pid, 'SIGCONT');
}

/** SIGKILL to every process of the server: no shutdown, no checkpoint; the next start recovers from the WAL. */
export function killServer(dataDir: string): void {
  for (const pid of serverProcesses(dataDir)) signalIfAlive(pid, 'SIGKILL');
}

function signalIfAlive(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** The parent pid from /proc/<pid>/stat (the field after the state, past the command's closing parenthesis). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}
