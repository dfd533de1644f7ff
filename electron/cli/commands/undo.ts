import type { CliCommand, CliIo } from '../command';
import type { UndoResult } from '../../../shared/contract/records';
import { showProgress } from './edit-support';

async function walk(io: CliIo, method: 'records:undo' | 'records:redo'): Promise<number> {
  const backend = io.backend();
  const stop = showProgress(io, backend);
  try {
    const result: UndoResult = await backend.invoke(method, {});
    io.print(result, () =>
      result.operation
        ? `${result.message} (${result.changedCells.toLocaleString('en-US')} cell${result.changedCells === 1 ? '' : 's'})`
        : result.message,
    );
    return 0;
  } finally {
    stop();
  }
}

export const undoCommand: CliCommand = {
  name: 'undo',
  summary: 'Undo the latest operation still in effect',
  usage: 'undo [--json]',
  run: (_args, io) => walk(io, 'records:undo'),
};

export const redoCommand: CliCommand = {
  name: 'redo',
  summary: 'Redo the operation undone last',
  usage: 'redo [--json]',
  run: (_args, io) => walk(io, 'records:redo'),
};
