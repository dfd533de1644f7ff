// THE contract between the UI and the backend: every method and event, merged from one file per domain.
// Electron IPC, the WebSocket bridge and the CLI's in-process calls are all typed and validated from this.
import type { AnyEvents, AnyMethods, InputOf, OutputOf, PayloadOf } from './define';
import { workspaceEvents, workspaceMethods } from './workspace';
import { jobEvents, jobMethods } from './jobs';
import { rulesEvents, rulesMethods } from './rules';
import { importEvents, importMethods } from './import';
import { recordsEvents, recordsMethods } from './records';
import { syncEvents, syncMethods } from './sync';
import { exportEvents, exportMethods } from './export';
import { resumesEvents, resumesMethods } from './resumes';
import { reconcileEvents, reconcileMethods } from './reconcile';

export const methods = {
  ...workspaceMethods,
  ...jobMethods,
  ...rulesMethods,
  ...importMethods,
  ...recordsMethods,
  ...syncMethods,
  ...exportMethods,
  ...resumesMethods,
  ...reconcileMethods,
} satisfies AnyMethods;

export const events = {
  ...workspaceEvents,
  ...jobEvents,
  ...rulesEvents,
  ...importEvents,
  ...recordsEvents,
  ...syncEvents,
  ...exportEvents,
  ...resumesEvents,
  ...reconcileEvents,
} satisfies AnyEvents;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods & string;
export type EventName = keyof Events & string;
export type Input<N extends MethodName> = InputOf<Methods[N]>;
export type Output<N extends MethodName> = OutputOf<Methods[N]>;
export type Payload<N extends EventName> = PayloadOf<Events[N]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** What every transport's client offers the renderer and the CLI. */
export interface ContractClient {
  call<N extends MethodName>(name: N, input: Input<N>): Promise<Output<N>>;
  /** Returns an unsubscribe function. */
  on<N extends EventName>(name: N, listener: (payload: Payload<N>) => void): () => void;
}

export * from './define';
export type { WorkspaceInfo, RecentWorkspace, CategoryCounts, WorkspaceCounts, AppInfo } from './workspace';
export type { JobKind, JobProgress, JobInfo, JobFinished } from './jobs';
