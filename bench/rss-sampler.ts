import { readFile } from 'node:fs/promises';

/** Samples another process's resident set size (VmRSS in /proc/<pid>/status) until stopped. */
export function sampleRss(pid: number, everyMs = 100): { stop(): Promise<number> } {
  let peakKb = 0;
  let stopped = false;
  const read = async () => {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
    peakKb = Math.max(peakKb, kb);
  };
  const loop = (async () => {
    while (!stopped) {
      await read();
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    /** Stops sampling; resolves the peak in MB. */
    async stop() {
      stopped = true;
      await loop;
      await read();
      return peakKb / 1024;
    },
  };
}
