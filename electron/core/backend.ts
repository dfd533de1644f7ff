import { ContractFailure, type ContractError } from '../../shared/contract/define';
import { methods, type EventName, type MethodName, type Methods, type Output, type Payload } from '../../shared/contract';
import type { BackendContext, SecretStore } from './context';
import type { DomainHandlers } from './handlers/define';
import { JobRunner } from './jobs/runner';
import { WorkspaceSession } from './workspace/session';
import { RecentList } from './workspace/recent-list';
import { toContractError } from './jobs/errors';
import { workspaceHandlers } from './handlers/workspace';
import { jobHandlers } from './handlers/jobs';
import { rulesHandlers } from './handlers/rules';
import { importHandlers } from './handlers/import';
import { recordsHandlers } from './handlers/records';
import { syncHandlers } from './handlers/sync';
import { exportHandlers } from './handlers/export';
import { resumesHandlers } from './handlers/resumes';
import { reconcileHandlers } from './handlers/reconcile';

// `satisfies` makes a missing or mistyped handler a compile error: the contract is implemented whole.
const handlers = {
  ...workspaceHandlers,
  ...jobHandlers,
  ...rulesHandlers,
  ...importHandlers,
  ...recordsHandlers,
  ...syncHandlers,
  ...exportHandlers,
  ...resumesHandlers,
  ...reconcileHandlers,
} satisfies DomainHandlers<Methods>;

export type CallResult<T> = { ok: true; result: T } | { ok: false; error: ContractError };

export interface BackendOptions {
  transport: BackendContext['transport'];
  dataDir: string;
  resourcesDir: string;
  jobMode?: 'worker' | 'inline';
  secrets?: SecretStore;
  /** Open this workspace at start (the app's default workspace, or the CLI's --db). */
  workspacePath?: string;
}

export function memorySecrets(initial: Record<string, string> = {}): SecretStore {
  const values = new Map(Object.entries(initial));
  return {
    get: (name) => values.get(name) ?? null,
    set: (name, value) => (value === null ? values.delete(name) : values.set(name, value)),
  };
}

type Listener = (name: EventName, payload: unknown) => void;

/** The backend: implements the contract over the modules in electron/core. Transport-agnostic. */
export class Backend {
  readonly context: BackendContext;
  private session: WorkspaceSession | null = null;
  private readonly listeners = new Set<Listener>();

  constructor(options: BackendOptions) {
    const emit = <N extends EventName>(name: N, payload: Payload<N>) => {
      for (const l of this.listeners) l(name, payload);
    };
    const jobs = new JobRunner(options.jobMode ?? 'worker', {
      started: (info) => emit('job:started', info),
      progress: (p) => emit('job:progress', p),
      finished: (f) => emit('job:finished', f),
    });
    this.context = {
      transport: options.transport,
      dataDir: options.dataDir,
      resourcesDir: options.resourcesDir,
      jobs,
      recent: new RecentList(options.dataDir),
      secrets: options.secrets ?? memorySecrets(),
      workspace: () => {
        if (!this.session) throw new ContractFailure('NO_WORKSPACE', 'No workspace is open: create or open one first.');
        return this.session;
      },
      currentWorkspace: () => this.session,
      openWorkspace: (path: string) => {
        if (this.session?.path === path) return this.session;
        if (jobs.list().length > 0) {
          throw new ContractFailure('BUSY', 'Wait for the running job to finish (or cancel it) before switching workspaces.');
        }
        const next = new WorkspaceSession(path);
        this.session?.close();
        this.session = next;
        return next;
      },
      emit,
    };
    if (options.workspacePath) this.context.openWorkspace(options.workspacePath);
    jobs.warm();
  }

  /** Validates raw input against the contract, then runs the handler. Never throws. */
  async call(name: string, rawInput: unknown): Promise<CallResult<unknown>> {
    if (!Object.hasOwn(methods, name)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `There is no method "${name}".` } };
    }
    const def = methods[name as MethodName];
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `Invalid input for ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`,
          details: parsed.error.issues,
        },
      };
    }
    try {
      const handler = handlers[name as MethodName] as (input: unknown, ctx: BackendContext) => unknown;
      const result = await handler(parsed.data, this.context);
      return { ok: true, result: result ?? null };
    } catch (err) {
      return { ok: false, error: toContractError(err) };
    }
  }

  /** Typed convenience for in-process callers: throws a ContractFailure on error. */
  async invoke<N extends MethodName>(name: N, input: unknown = {}): Promise<Output<N>> {
    const r = await this.call(name, input);
    if (!r.ok) throw new ContractFailure(r.error.code, r.error.message, r.error.details);
    return r.result as Output<N>;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    void this.context.jobs.close();
    this.session?.close();
    this.session = null;
    this.listeners.clear();
  }
}
