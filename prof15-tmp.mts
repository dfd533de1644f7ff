import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceDb } from './electron/core/db/connection';
import { populate } from './bench/compliance.bench';
import { checkAll } from './electron/core/compliance';
const db = openWorkspaceDb(join(mkdtempSync(join(tmpdir(), 'p-')), 'b.rscw'));
populate(db, 25000);
checkAll(db);
const cpu = (label: string, f: () => void) => { const c = process.cpuUsage(); f(); const d = process.cpuUsage(c); return ((d.user + d.system) / 1000); };
const variants: Record<string, string> = {
  base: 'SELECT id, values_json FROM records',
  baseRaw: 'SELECT id, values_json FROM records',
  range: 'SELECT id, values_json FROM records WHERE id > ? ORDER BY id',
  plusCat: 'SELECT id, category, values_json FROM records WHERE id > ? ORDER BY id',
  plusKey: 'SELECT id, category, values_json, key FROM records WHERE id > ? ORDER BY id',
  plusHash: 'SELECT id, category, values_json, key, check_hash, pack_version FROM records WHERE id > ? ORDER BY id',
  all8: 'SELECT id, category, sheet_id, excluded, values_json, pack_version, check_hash, key FROM records WHERE id > ? ORDER BY id',
};
const res: Record<string, number[]> = {};
for (let r = 0; r < 5; r++) for (const [k, sql] of Object.entries(variants)) {
  const st = db.prepare(sql); if (k !== 'base') st.raw();
  const vi = sql.split(',').findIndex(c => c.includes('values_json'));
  const t = cpu(k, () => { for (const row of (sql.includes('?') ? st.iterate(0) : st.iterate()) as any) JSON.parse(k === 'base' ? row.values_json : row[vi]); });
  (res[k] ??= []).push(t);
}
for (const [k, v] of Object.entries(res)) console.log(k, v.sort((a, b) => a - b)[2].toFixed(0));
