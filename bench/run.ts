/** npm run bench: prints figures and ratios. Speed is measured here, never asserted in tests. */
import { benchAnswers } from './answer-latency.js';
import { benchDigestFanout } from './digest-fanout.js';
import { benchHttpLoad } from './http-load.js';
import { benchStartup } from './startup.js';

const only = process.argv[2];
const benches: Record<string, () => Promise<boolean>> = {
  answers: benchAnswers,
  http: benchHttpLoad,
  digests: benchDigestFanout,
  startup: benchStartup,
};
let allMet = true;
for (const [name, bench] of Object.entries(benches)) {
  if (only && only !== name) continue;
  allMet = (await bench()) && allMet;
}
console.log(`\nbench: ${allMet ? 'all targets met' : 'some targets missed (see above)'}`);
