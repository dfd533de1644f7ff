import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkspaceDb } from './electron/core/db/connection';
import { populate } from './bench/compliance.bench';
import { checkAll } from './electron/core/compliance';
const db = openWorkspaceDb(join(mkdtempSync(join(tmpdir(), 'p-')), 'b.rscw'));
populate(db, 25000);
const cpu = (f: () => void) => { const c = process.cpuUsage(); const t = performance.now(); f(); const d = process.cpuUsage(c); return `cpu ${((d.user + d.system) / 1000).toFixed(0)} wall ${(performance.now() - t).toFixed(0)}`; };
const read = () => { for (const r of db.prepare('SELECT id, values_json FROM records').iterate() as any) JSON.parse(r.values_json); };
console.log('first check', cpu(() => checkAll(db)));
for (let i = 0; i < 4; i++) { console.log('read', cpu(read)); console.log('check', cpu(() => checkAll(db))); }
