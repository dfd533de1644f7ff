// Child process of the kill test: makes an edit and a bulk operation through the backend, prints
// ACK once both calls have returned (what the UI shows as saved), then idles until killed.
import { join, dirname } from 'node:path';
import { Backend } from '../../../../electron/core/backend';

const file = process.argv[2];
const backend = new Backend({
  transport: 'in-process',
  dataDir: join(dirname(file), 'data'),
  resourcesDir: dirname(file),
  jobMode: 'inline',
  workspacePath: file,
});
await backend.invoke('records:edit', { changes: [{ recordId: 2, field: 'lastName', value: 'Saved before the kill' }] });
await backend.invoke('records:bulk', {
  filter: { category: 'candidates' },
  action: { kind: 'transform', field: 'firstName', transform: { name: 'changeCase', mode: 'upper' } },
});
process.stdout.write('ACK\n');
setInterval(() => undefined, 1000);
