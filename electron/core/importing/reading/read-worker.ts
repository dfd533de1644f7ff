// Entry of a reading thread (read-thread.ts): reads one file as readSpreadsheet does and posts its
// rows in their packed form as they come, so the importing thread can store them meanwhile. It
// keeps none of them: what a sheet's end changes is applied where the rows are kept.
import { parentPort, workerData } from 'node:worker_threads';
import { ContractFailure } from '../../../../shared/contract/define';
import { cancelled } from '../../jobs/errors';
import { readSheets } from './read-file';
import { RowBatcher, type ReadThreadData, type ReadThreadMessage } from './read-thread';

const data = workerData as ReadThreadData;
const cancel = new Int32Array(data.cancel);
const post = (m: ReadThreadMessage) => parentPort!.postMessage(m);

const batcher = new RowBatcher();
const flush = () => {
  const batch = batcher.take();
  if (batch) parentPort!.postMessage({ type: 'rows', batch } satisfies ReadThreadMessage, [batch.bytes, batch.places.buffer]);
};

try {
  const { file, names, passed } = await readSheets(data.path, {
    ...data.options,
    throwIfCancelled() {
      if (Atomics.load(cancel, 0) === 1) throw cancelled();
    },
    onRows(sheet, read, expected) {
      flush();
      post({ type: 'progress', sheet, rows: read, expected });
    },
    passRows: {
      sheet(sheet) {
        flush();
        post({ type: 'sheet', sheet });
      },
      row(row, cells) {
        if (batcher.add(row, cells)) flush();
      },
    },
  });
  flush();
  post({
    type: 'done',
    file: {
      ...file,
      sheets: file.sheets.map((s, i) => ({ name: s.name, columnNames: s.columnNames, links: s.links, issues: s.issues, ...passed[i] })),
    },
    names,
  });
} catch (err) {
  flush();
  post({
    type: 'failed',
    failure: err instanceof ContractFailure ? err.toJSON() : null,
    message: err instanceof Error ? err.message : String(err),
  });
}
