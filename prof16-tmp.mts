import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceDb } from './electron/core/db/connection';
import { populate } from './bench/compliance.bench';
import { checkAll } from './electron/core/compliance';
const db = openWorkspaceDb(join(mkdtempSync(join(tmpdir(), 'p-')), 'b.rscw'));
populate(db, Number(process.env.BENCH_COMPLIANCE_RECORDS));
checkAll(db);
const cpu = (f: () => void) => { const c = process.cpuUsage(); f(); const d = process.cpuUsage(c); return ((d.user + d.system) / 1000); };
const st = db.prepare('SELECT id, values_json FROM records').raw();
const b: number[] = [], c: number[] = [];
for (let i = 0; i < 9; i++) { b.push(cpu(() => { for (const r of st.iterate() as any) JSON.parse(r[1]); })); c.push(cpu(() => checkAll(db))); }
const min = (x: number[]) => Math.min(...x), med = (x: number[]) => [...x].sort((p, q) => p - q)[4];
console.log('baseline min', min(b).toFixed(0), 'med', med(b).toFixed(0), '| check min', min(c).toFixed(0), 'med', med(c).toFixed(0), '| ratio min', (min(c) / min(b)).toFixed(2), 'med', (med(c) / med(b)).toFixed(2));
