import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceDb } from './electron/core/db/connection';
import { populate } from './bench/compliance.bench';
import { checkRecord } from './shared/rsc/check';
import { CheckContexts } from './electron/core/compliance/check-context';
import { RecordIndex, keyOfNormalized, referencesOf } from './electron/core/compliance/record-index';
const db = openWorkspaceDb(join(mkdtempSync(join(tmpdir(), 'p-')), 'b.rscw'));
populate(db, 25000);
const sql = 'SELECT id, category, sheet_id, excluded, values_json, pack_version, check_hash FROM records';
for (let k = 0; k < 3; k++) {
let t = performance.now(); for (const r of db.prepare(sql).iterate() as any) JSON.parse(r.values_json); console.log('iterate', (performance.now() - t).toFixed(0));
t = performance.now(); for (const r of db.prepare(sql).all() as any) JSON.parse(r.values_json); console.log('all', (performance.now() - t).toFixed(0));
t = performance.now(); for (const r of db.prepare(sql).raw().all() as any) JSON.parse(r[4]); console.log('raw all', (performance.now() - t).toFixed(0));
const ctxs = new CheckContexts(db);
t = performance.now(); const keep: any[] = []; for (const r of db.prepare(sql).iterate() as any) { const v = JSON.parse(r.values_json); const res = checkRecord(r.category, v, ctxs.for(r.category, r.sheet_id)); keep.push(res.issues); } console.log('iterate+check', (performance.now() - t).toFixed(0));
const index = new RecordIndex();
t = performance.now(); for (const r of db.prepare(sql).iterate() as any) { const v = JSON.parse(r.values_json); const res = checkRecord(r.category, v, ctxs.for(r.category, r.sheet_id)); index.set(r.id, { category: r.category, key: keyOfNormalized(r.category, res.normalized), excluded: false, ...referencesOf(r.category, res.normalized) }); } console.log('iterate+check+index', (performance.now() - t).toFixed(0));
}
