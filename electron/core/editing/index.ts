// Fix-up editing: the edit log, bulk operations, fixes, exclusions, undo/redo and revert.
export { runEditCommand, estimateRecords, commandTitle, type EditCommand, type ResultOf } from './commands';
export type { EditOptions } from './bulk-pipeline';
export type { EditOutcome } from './commit';
export { historyPage } from './operation-log';
export { planBulk } from './plan-bulk';
export { bulkEditJob } from './bulk-edit-job';
export { NO_PROGRESS, type EditProgress } from './progress';
export { previewBulk, previewFixAll } from './preview';
export { chooseDateFormat } from './date-format-step';
