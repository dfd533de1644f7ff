import { generateRecord } from './bench/compliance.bench';
import { checkRecord } from './shared/rsc/check';
let s = 1; const rnd = () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
for (const c of ['jobs', 'candidates', 'applications', 'stages'] as const) {
  const recs = Array.from({ length: 50000 }, (_, i) => generateRecord(c, i, rnd));
  for (let k = 0; k < 2; k++) { const t = performance.now(); for (const v of recs) checkRecord(c, v, { now: 1.8e12 }); if (k) console.log(c, ((performance.now() - t) / 50).toFixed(1), 'µs/record'); }
  const t = performance.now(); for (const v of recs) JSON.parse(JSON.stringify(v)); console.log('  stringify+parse', ((performance.now() - t) / 50).toFixed(1));
}
