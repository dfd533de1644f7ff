import type { EventName } from '../../shared/contract';
import type { JobInfo } from '../../shared/contract/jobs';

export interface QuitGuardDeps {
  /** The running job first, then the queued ones. */
  jobs(): JobInfo[];
  cancel(jobId: string): boolean;
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void;
  /** Asks the user; true means quit and cancel. */
  confirm(running: JobInfo[]): boolean;
  quit(): void;
  log?(message: string): void;
}

/** The question asked before quitting while jobs run (the dialog's message and detail). */
export function quitQuestion(running: readonly JobInfo[]): { message: string; detail: string } {
  const [first, ...rest] = running;
  const more = rest.length ? ` and ${rest.length} more queued` : '';
  return {
    message: `“${first?.title ?? 'A job'}” is still running${more}. Quit anyway?`,
    detail:
      'Quitting cancels it: the workspace is left as it was before the job started. ' +
      'A sync keeps the batches LinkedIn has already acknowledged, so they are not sent twice.',
  };
}

/**
 * Stands between a quit (the menu, closing the window, the OS logging off) and running jobs: the
 * user is asked first, and a confirmed quit cancels the jobs and waits for each to roll back before
 * the app goes. Every attempt to quit is routed through `intercept` (the window's close and the app's
 * before-quit), so a second attempt while the first waits does not ask twice.
 */
export class QuitGuard {
  private state: 'open' | 'stopping' | 'released' = 'open';

  constructor(private readonly deps: QuitGuardDeps) {}

  /** Call with the close or before-quit event; it is prevented while jobs must be asked about or stopped. */
  intercept(event: { preventDefault(): void }): void {
    if (this.state === 'released') return;
    if (this.state === 'stopping') {
      event.preventDefault();
      return;
    }
    const running = this.deps.jobs();
    if (running.length === 0) return;
    event.preventDefault();
    if (!this.deps.confirm(running)) return;
    this.state = 'stopping';
    this.deps.log?.(`Quitting: cancelling ${running.map((j) => `${j.kind} "${j.title}"`).join(', ')}`);
    void this.whenIdle().then(() => {
      this.state = 'released';
      this.deps.quit();
    });
    // Queued jobs first, so none starts when the running one stops.
    for (const job of [...running].reverse()) this.deps.cancel(job.jobId);
  }

  /** Resolves once no job runs or waits; a finished job leaves the runner's list a turn after its event. */
  private whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.deps.jobs().length > 0) return;
        unsubscribe();
        resolve();
      };
      const unsubscribe = this.deps.subscribe((name) => {
        if (name === 'job:finished') setImmediate(check);
      });
      check();
    });
  }
}
