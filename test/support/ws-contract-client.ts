import WebSocket from 'ws';
import type { ContractError } from '../../shared/contract/define';

export type WireReply = { id: string | number | null; ok: true; result: unknown } | { id: string | number | null; ok: false; error: ContractError };

/** A Node WebSocket client of the web bridge, speaking the raw wire format (so tests can also send garbage). */
export class RawWsClient {
  private nextId = 1;
  private readonly waiting = new Map<string | number | null, (r: WireReply) => void>();
  readonly events: { event: string; payload: unknown }[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as WireReply | { event: string; payload: unknown };
      if ('event' in msg) this.events.push(msg);
      else this.waiting.get(msg.id)?.(msg);
    });
  }

  static connect(url: string, origin: string): Promise<RawWsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { origin });
      ws.once('open', () => resolve(new RawWsClient(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  call(method: string, input: unknown): Promise<WireReply> {
    const id = this.nextId++;
    return this.sendRaw(JSON.stringify({ id, method, input }), id);
  }

  sendRaw(text: string, expectId: string | number | null): Promise<WireReply> {
    return new Promise((resolve) => {
      this.waiting.set(expectId, (r) => {
        this.waiting.delete(expectId);
        resolve(r);
      });
      this.ws.send(text);
    });
  }

  close() {
    this.ws.close();
  }
}
