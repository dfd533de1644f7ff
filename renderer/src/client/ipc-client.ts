import { ContractFailure } from '../../../shared/contract/define';
import type { ContractClient, EventName, Input, MethodName, Output, Payload } from '../../../shared/contract';
import type { PreloadBridge } from './bridge';

/** The contract over Electron IPC, through the preload's named functions. */
export class IpcClient implements ContractClient {
  private readonly listeners = new Map<string, Set<(p: unknown) => void>>();

  constructor(private readonly bridge: PreloadBridge) {
    bridge.onEvent((name, payload) => {
      for (const l of this.listeners.get(name) ?? []) l(payload);
    });
  }

  async call<N extends MethodName>(name: N, input: Input<N>): Promise<Output<N>> {
    const fn = this.bridge.methods[name];
    if (!fn) throw new ContractFailure('UNKNOWN_METHOD', `There is no method "${name}".`);
    const r = await fn(input);
    if (!r.ok) throw new ContractFailure(r.error.code, r.error.message, r.error.details);
    return r.result as Output<N>;
  }

  on<N extends EventName>(name: N, listener: (payload: Payload<N>) => void): () => void {
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as (p: unknown) => void);
    this.listeners.set(name, set);
    return () => set.delete(listener as (p: unknown) => void);
  }
}
