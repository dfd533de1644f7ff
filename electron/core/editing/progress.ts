/** How long edit work reports progress and learns it was cancelled; a no-op for quick inline edits. */
export interface EditProgress {
  progress(done: number, total: number, message: string): void;
  throwIfCancelled(): void;
}

export const NO_PROGRESS: EditProgress = {
  progress: () => undefined,
  throwIfCancelled: () => undefined,
};

/** Batches between progress reports and cancellation checks. */
export const PROGRESS_BATCH = 5000;
