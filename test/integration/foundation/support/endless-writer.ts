// Writes 500-record transactions forever, printing each commit, until it is killed.
import { openWorkspaceDb } from '../../../../electron/core/db/connection';
import { recordInserter } from '../../../support/record-rows';

const db = openWorkspaceDb(process.argv[2]);
const insert = recordInserter(db, ['key', 'values_json'], { category: 'candidates', original_json: '{}' });
const payload = JSON.stringify({ firstName: 'x'.repeat(2000) });
for (let batch = 1; ; batch++) {
  db.transaction(() => {
    for (let i = 0; i < 500; i++) insert(`${batch}-${i}`, payload);
  })();
  process.stdout.write(`committed ${batch}\n`);
}
