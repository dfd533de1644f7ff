import { ContractFailure, type ContractError } from '../../../shared/contract/define';
import type { ContractClient, EventName, Input, MethodName, Output, Payload } from '../../../shared/contract';

type Reply = { id: string | number | null; ok: true; result: unknown } | { id: string | number | null; ok: false; error: ContractError };
type Pending = { resolve(v: unknown): void; reject(e: unknown): void };

/** The contract over the `npm run web` WebSocket bridge; the token comes from the address it was opened at (see web-token). */
export class WebSocketClient implements ContractClient {
  private socket: WebSocket | null = null;
  private ready: Promise<WebSocket> | null = null;
  private nextId = 1;
  private readonly pending = new Map<string | number, Pending>();
  private readonly listeners = new Map<string, Set<(p: unknown) => void>>();

  constructor(private readonly url: string) {}

  private connect(): Promise<WebSocket> {
    if (this.ready) return this.ready;
    this.ready = new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url);
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new ContractFailure('DISCONNECTED', 'Cannot reach the RSC Workbench backend.'));
      ws.onclose = () => {
        this.ready = null;
        for (const p of this.pending.values()) p.reject(new ContractFailure('DISCONNECTED', 'The backend connection closed.'));
        this.pending.clear();
      };
      ws.onmessage = (e) => this.receive(String(e.data));
      this.socket = ws;
    });
    return this.ready;
  }

  private receive(text: string) {
    const msg = JSON.parse(text) as Reply | { event: string; payload: unknown };
    if ('event' in msg) {
      for (const l of this.listeners.get(msg.event) ?? []) l(msg.payload);
      return;
    }
    const p = msg.id === null ? undefined : this.pending.get(msg.id);
    if (!p || msg.id === null) return;
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new ContractFailure(msg.error.code, msg.error.message, msg.error.details));
  }

  async call<N extends MethodName>(name: N, input: Input<N>): Promise<Output<N>> {
    const ws = await this.connect();
    const id = this.nextId++;
    return new Promise<Output<N>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      ws.send(JSON.stringify({ id, method: name, input }));
    });
  }

  on<N extends EventName>(name: N, listener: (payload: Payload<N>) => void): () => void {
    void this.connect().catch(() => undefined);
    const set = this.listeners.get(name) ?? new Set();
    set.add(listener as (p: unknown) => void);
    this.listeners.set(name, set);
    return () => set.delete(listener as (p: unknown) => void);
  }

  close() {
    this.socket?.close();
  }
}
