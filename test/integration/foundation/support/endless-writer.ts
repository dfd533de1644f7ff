// Writes 500-record transactions forever, printing each commit, until it is killed.
import { openWorkspaceDb } from '../../../../electron/core/db/connection';

const db = openWorkspaceDb(process.argv[2]);
const insert = db.prepare(
  "INSERT INTO records (category, key, original_json, values_json) VALUES ('candidates', ?, '{}', ?)",
);
const payload = JSON.stringify({ firstName: 'x'.repeat(2000) });
for (let batch = 1; ; batch++) {
  db.transaction(() => {
    for (let i = 0; i < 500; i++) insert.run(`${batch}-${i}`, payload);
  })();
  process.stdout.write(`committed ${batch}\n`);
}
