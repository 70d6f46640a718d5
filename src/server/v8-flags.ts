import { setFlagsFromString } from 'node:v8';

/**
 * Imported first by src/server.ts, so it runs before anything else is loaded: `npm start` needs no
 * node options.
 *
 * Under load V8 lets the old generation grow by a large factor between full collections; request
 * objects promoted while in flight then sit there as garbage. With the growing factor at 1.3 the
 * bot's peak RSS under the 50-connection benchmark went from ~315 MB to ~205 MB at the same CPU per
 * turn within measurement noise (bench/http-load.ts; 10 % cost ~25 % more CPU, 100 % saved less).
 * It only changes when full collections happen: there is no heap limit, nothing can run out.
 *
 * Measured again with `npm run bench -- http` (4 alternating rounds, load average 12-16 on 2 shared
 * cores, so noisy): CPU per turn under load 4.2 ms at 30 %, 2.6 ms at 60 %, 2.6 ms with V8's default;
 * peak RSS 299, 390 and 495 MB. Every round put 30 % highest in CPU, and every setting over 250 MB,
 * while the lowdb store grew with the benchmark's question examples. Kept at 30 % for RSS until a
 * quieter run with a bounded store decides between 30 and 60.
 *
 * What grew was Teams' kept replies (every answer, for 2 hours), now bounded (RecentReplies). Again,
 * 4 alternating rounds at load average 9-12: 30 % 3.22 ms/turn and peak RSS 221 MB, 60 % 2.94 ms and
 * 243 MB, the tree before the bound 3.46 ms and 299 MB; the echo bot itself peaks at 246 MB. 60 %
 * saves a quarter of a millisecond of background GC a turn but leaves no margin under 250 MB at the
 * higher request rates of a quiet machine, so 30 % stays.
 *
 * Again at 433 KB allocated a turn (issue 18: no AsyncLocalStorage, no store for activity ids),
 * alternating rounds at load average 2.4-5: 30 % 1.71 + 0.44 ms/turn (main + background) and peak
 * RSS 232-249 MB; 45 % 1.63 + 0.37 and 244-249 MB; 60 % 1.53 + 0.25 and 258-265 MB. A larger young
 * generation (node --max-semi-space-size, at start-up only) saves more (32 MB: about -0.1 ms main and
 * -0.15 background; 64 MB: -0.2 and -0.3), but costs 2 x its size in RSS (265-272 and 332-334 MB).
 * Background GC is the largest cost left that a setting can buy back; every one that does puts peak
 * RSS over 250 MB, so 30 % stays and no start-up flag is needed.
 */
setFlagsFromString('--heap-growing-percent=30');
