import { generateRecord } from './bench/compliance.bench';
import { checkRecord } from './shared/rsc/check';
let s = 1; const rnd = () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
const per: Record<string, any[]> = {};
for (const c of ['jobs', 'candidates', 'applications', 'stages'] as const) per[c] = Array.from({ length: 50000 }, (_, i) => JSON.parse(JSON.stringify(generateRecord(c, i, rnd))));
for (let k = 0; k < 4; k++) {
  const out: string[] = [];
  for (const c of Object.keys(per)) { const cu = process.cpuUsage(); for (const v of per[c]) checkRecord(c as any, v, { now: 1.8e12 }); const d = process.cpuUsage(cu); out.push(`${c} ${((d.user + d.system) / 50000).toFixed(2)}µs`); }
  console.log(out.join('  '));
}
