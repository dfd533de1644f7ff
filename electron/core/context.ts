import type { EventName, Payload } from '../../shared/contract';
import type { JobRunner } from './jobs/runner';
import type { WorkspaceSession } from './workspace/session';
import type { RecentList } from './workspace/recent-list';

/**
 * Secrets (the LinkedIn client secret) live outside workspace files: Electron's safeStorage in
 * the app, process memory or the environment in the CLI and the web harness.
 */
export interface SecretStore {
  get(name: string): string | null;
  set(name: string, value: string | null): void;
  /** True when secrets live in memory for this session only (no secure store on this system). */
  readonly sessionOnly?: boolean;
}

/** What every handler gets besides its validated input. */
export interface BackendContext {
  readonly transport: 'ipc' | 'websocket' | 'in-process';
  readonly dataDir: string;
  readonly resourcesDir: string;
  readonly jobs: JobRunner;
  readonly recent: RecentList;
  readonly secrets: SecretStore;
  /** The open workspace; throws NO_WORKSPACE when none is open. */
  workspace(): WorkspaceSession;
  currentWorkspace(): WorkspaceSession | null;
  /** Closes the current workspace (if any) and opens `path`, creating it when missing. */
  openWorkspace(path: string): WorkspaceSession;
  emit<N extends EventName>(name: N, payload: Payload<N>): void;
}
