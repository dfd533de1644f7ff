import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceDb } from './electron/core/db/connection';
import { populate } from './bench/compliance.bench';
import { checkAll } from './electron/core/compliance';
process.env.X = '1';
const db = openWorkspaceDb(join(mkdtempSync(join(tmpdir(), 'p-')), 'b.rscw'));
populate(db, 25000);
for (let i = 0; i < 3; i++) { const r = checkAll(db); console.log(r.changed, r.durationMs.toFixed(0)); }
let t = performance.now(); for (const r of db.prepare('SELECT id, values_json FROM records').iterate() as any) JSON.parse(r.values_json); console.log('read', performance.now() - t);
t = performance.now(); for (const r of db.prepare('SELECT id, category, sheet_id, excluded, values_json, pack_version, check_hash FROM records').iterate() as any) JSON.parse(r.values_json); console.log('read wide', performance.now() - t);
