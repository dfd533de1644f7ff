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
const scan = db.prepare('SELECT id, category, sheet_id, excluded, values_json, pack_version, check_hash, key FROM records WHERE id > ? ORDER BY id').raw();
const scan2 = db.prepare('SELECT id, values_json FROM records WHERE id > ? ORDER BY id').raw();
const ctxs = new CheckContexts(db);
const sets: any = { jobs: new Set(), candidates: new Set(), applications: new Set() };
function loop(level: number) { db.transaction(() => { for (const row of scan.iterate(0) as any) { const v = JSON.parse(row[4]); if (level < 1) continue; const c = row[1]; const res = checkRecord(c, v, ctxs.for(c, row[2])); if (level < 2) continue;
  const key = keyOfNormalized(c, res.normalized); const refs = referencesOf(c, res.normalized); if (c !== 'stages' && key) sets[c].add(key); if (c === 'applications') { sets.jobs.has(refs.parentRef); sets.candidates.has(refs.candidateRef); } if (c === 'stages') sets.applications.has(refs.parentRef); if (level < 3) continue;
  const h = resultHash(res.issues); if (h === row[6]) {} } })(); }
for (let i = 0; i < 3; i++) {
cpu('simple 2 cols', () => { for (const r of scan2.iterate(0) as any) JSON.parse(r[1]); });
cpu('8 cols', () => loop(0)); cpu('+check', () => loop(1)); cpu('+keys', () => loop(2)); cpu('+hash', () => loop(3)); cpu('checkAll', () => checkAll(db));
}
