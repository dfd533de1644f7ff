import { generateRecord } from './bench/compliance.bench';
import { checkRecord } from './shared/rsc/check';
let s = 1; const rnd = () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
const all: any[] = [];
for (const c of ['jobs', 'candidates', 'applications', 'stages'] as const) for (let i = 0; i < 50000; i++) all.push([c, generateRecord(c, i, rnd)]);
for (let k = 0; k < 6; k++) { const t = performance.now(); for (const [c, v] of all) checkRecord(c, v, { now: 1.8e12 }); console.log(((performance.now() - t) / 200).toFixed(2), 'µs/record'); }
