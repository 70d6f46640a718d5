/**
 * Preloaded into each benchmarked server (`node --import ./bench/gc-probe.mjs`): counts what the
 * process allocates on the JS heap and how often V8 collects, for the HTTP load bench. On SIGUSR2
 * it writes its running totals to BENCH_PROBE_FILE as one JSON object. Allocation is read from the
 * heap's used size before each collection minus after the previous one (v8.GCProfiler), the same
 * way for every server, so it includes what is allocated and freed between two collections.
 */
/* global process -- a Node preload script, outside the TypeScript project */
import { writeFileSync } from 'node:fs';
import { GCProfiler, getHeapStatistics } from 'node:v8';

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  const totals = { seq: 0, allocatedBytes: 0, scavenges: 0, fullGcs: 0, gcMs: 0 };
  let profiler = new GCProfiler();
  let lastUsed = getHeapStatistics().used_heap_size;
  profiler.start();
  process.on('SIGUSR2', () => {
    const { statistics } = profiler.stop();
    for (const gc of statistics) {
      totals.allocatedBytes += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - lastUsed);
      lastUsed = gc.afterGC.heapStatistics.usedHeapSize;
      if (gc.gcType === 'Scavenge' || gc.gcType === 'MinorMarkSweep') totals.scavenges += 1;
      else if (gc.gcType === 'MarkSweepCompact') totals.fullGcs += 1;
      totals.gcMs += gc.cost / 1000;
    }
    const used = getHeapStatistics().used_heap_size;
    totals.allocatedBytes += Math.max(0, used - lastUsed);
    lastUsed = used;
    totals.seq += 1;
    profiler = new GCProfiler();
    profiler.start();
    writeFileSync(file, JSON.stringify(totals));
  });
}
