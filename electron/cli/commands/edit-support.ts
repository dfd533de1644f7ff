// What the editing commands (edit, fix, exclude, undo, redo, history) share.
import type { Backend } from '../../core/backend';
import { CliUsageError } from '../command';
import { CATEGORIES, isCategory, type Category } from '../../../shared/domain';
import type { HistoryEntry, OperationResult } from '../../../shared/contract/records';

export function categoryArg(value: string | undefined, usage: string): Category {
  if (value === undefined) throw new CliUsageError(`missing arguments. Usage: ${usage}`);
  if (!isCategory(value)) throw new CliUsageError(`unknown category "${value}": use ${CATEGORIES.join(', ')}`);
  return value;
}

/** A record's id from its category and key, failing with the backend's own "no record" message. */
export async function recordIdOf(backend: Backend, category: Category, key: string): Promise<number> {
  const detail = await backend.invoke('records:detail', { category, key });
  return detail.id;
}

export { showProgress } from '../job-progress';

export function describeEntry(e: HistoryEntry): string {
  const when = new Date(e.createdAt).toISOString().replace('T', ' ').slice(0, 19);
  const size = `${e.cellCount.toLocaleString('en-US')} cell${e.cellCount === 1 ? '' : 's'} in ${e.recordCount.toLocaleString('en-US')} record${e.recordCount === 1 ? '' : 's'}`;
  return `#${e.id}  ${when}  ${e.description}  (${size})${e.undone ? '  [undone]' : ''}`;
}

export function describeResult(r: OperationResult, nothing: string): string {
  const lines: string[] = [];
  if (r.operation) {
    lines.push(`${r.operation.description}: changed ${r.changedCells.toLocaleString('en-US')} cell${r.changedCells === 1 ? '' : 's'} in ${r.changedRecords.toLocaleString('en-US')} record${r.changedRecords === 1 ? '' : 's'} (operation #${r.operation.id}; undo with "undo").`);
  } else {
    lines.push(nothing);
  }
  if (r.skipped > 0) {
    lines.push(`Skipped ${r.skipped.toLocaleString('en-US')}:`);
    for (const s of r.skipReasons) lines.push(`  ${s.count.toLocaleString('en-US')} × ${s.reason}`);
  }
  return lines.join('\n');
}
