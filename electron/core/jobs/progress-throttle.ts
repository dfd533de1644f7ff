export type ProgressSink = (done: number, total: number, message: string) => void;

export interface ThrottledProgress {
  report: ProgressSink;
  /** Drops a report still waiting for its turn (the job ended: its outcome says the rest). */
  dispose(): void;
}

/**
 * A job may report per row; the UI needs ~20 updates a second at most. Reports closer than
 * `windowMs` to the last one delivered wait for the end of the window, and only the latest of them
 * is delivered then: a job that reports and then waits (pacing, polling LinkedIn's tasks) never
 * leaves the UI showing the state before. A final report (done = total) goes at once.
 */
export function throttleProgress(sink: ProgressSink, windowMs = 50, now: () => number = Date.now): ThrottledProgress {
  let lastAt = Number.NEGATIVE_INFINITY;
  let latest: [number, number, string] | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const deliver = (done: number, total: number, message: string) => {
    lastAt = now();
    latest = null;
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    sink(done, total, message);
  };
  return {
    report(done, total, message) {
      const since = now() - lastAt;
      if (since >= windowMs || done >= total) return deliver(done, total, message);
      latest = [done, total, message];
      timer ??= setTimeout(() => {
        timer = null;
        if (latest) deliver(...latest);
      }, windowMs - since);
    },
    dispose() {
      if (timer) clearTimeout(timer);
      timer = null;
      latest = null;
    },
  };
}
