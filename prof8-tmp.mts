import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceDb } from './electron/core/db/connection';
import { populate } from './bench/compliance.bench';
import { checkAll } from './electron/core/compliance';
import { checkRecord } from './shared/rsc/check';
import { CheckContexts } from './electron/core/compliance/check-context';
import { keyOfNormalized, referencesOf } from './electron/core/compliance/record-index';
import { resultHash } from './electron/core/compliance/result-writer';
const db = openWorkspaceDb(join(mkdtempSync(join(tmpdir(), 'p-')), 'b.rscw'));
populate(db, 25000);
checkAll(db);
const cpu = (label: string, f: () => void) => { const c = process.cpuUsage(); f(); const d = process.cpuUsage(c); console.log(label, ((d.user + d.system) / 1000).toFixed(0)); };
const cols = 'id, category, sheet_id, excluded, values_json, pack_version, check_hash';
const page = db.prepare(`SELECT ${cols} FROM records WHERE id > ? ORDER BY id LIMIT 5000`);
const ctxs = new CheckContexts(db);
function loop(level: number) { db.transaction(() => { let last = 0; for (;;) { const rows = page.all(last) as any[]; if (!rows.length) break; last = rows[rows.length - 1].id;
  for (const r of rows) { const v = JSON.parse(r.values_json); if (level < 1) continue; const res = checkRecord(r.category, v, ctxs.for(r.category, r.sheet_id)); if (level < 2) continue;
   const k = keyOfNormalized(r.category, res.normalized); const refs = referencesOf(r.category, res.normalized); if (level < 3) continue; resultHash(res.issues); } } })(); }
for (let i = 0; i < 2; i++) {
cpu('iterate simple', () => { for (const r of db.prepare('SELECT id, values_json FROM records').iterate() as any) JSON.parse(r.values_json); });
cpu('paged parse', () => loop(0)); cpu('+check', () => loop(1)); cpu('+key', () => loop(2)); cpu('+hash', () => loop(3)); cpu('checkAll', () => checkAll(db));
}
