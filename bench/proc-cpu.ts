import { readdir, readFile } from 'node:fs/promises';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux (getconf CLK_TCK)

/**
 * CPU time (user + system) another process has used so far, in ms, from /proc: its main thread
 * (the JavaScript event loop, where the tid is the pid) and all its other threads together (V8's
 * GC and compiler helpers, the libuv pool). Unlike wall time or req/s it does not change when other
 * work competes for the cores, so a per-turn figure from it is comparable across runs on a busy machine.
 */
export interface ProcessCpu {
  mainMs: number;
  backgroundMs: number;
}

export async function processCpu(pid: number): Promise<ProcessCpu> {
  const tids = await readdir(`/proc/${pid}/task`);
  let mainMs = 0;
  let backgroundMs = 0;
  for (const tid of tids) {
    // A thread may end between readdir and the read: it then counts as nothing.
    const ms = await threadCpuMs(`/proc/${pid}/task/${tid}/stat`).catch(() => 0);
    if (tid === String(pid)) mainMs = ms;
    else backgroundMs += ms;
  }
  return { mainMs, backgroundMs };
}

async function threadCpuMs(statFile: string): Promise<number> {
  const stat = await readFile(statFile, 'utf8');
  // Fields after the command name (which may hold spaces) start at state: utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}
