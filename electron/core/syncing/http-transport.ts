import http from 'node:http';
import https from 'node:https';

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type NetworkErrorCode = 'timeout' | 'reset' | 'refused' | 'dns' | 'tls' | 'other';

/** No response arrived: the request may or may not have reached LinkedIn. */
export class NetworkError extends Error {
  constructor(
    readonly code: NetworkErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

export interface HttpTransport {
  send(request: HttpRequest, options: { timeoutMs: number }): Promise<HttpResponse>;
  close(): void;
}

/**
 * HTTP on node:http/https with keep-alive (one TLS handshake per run, not per batch) and a hard
 * total timeout per request. Plain node:http rather than fetch: its errors carry stable codes
 * (ECONNRESET, ECONNREFUSED) that the retry policy classifies.
 */
export function createHttpTransport(): HttpTransport {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 4 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 4 }),
  };
  return {
    send(request, { timeoutMs }) {
      const url = new URL(request.url);
      const secure = url.protocol === 'https:';
      const lib = secure ? https : http;
      const headers: Record<string, string | number> = { ...request.headers };
      if (request.body !== null) headers['Content-Length'] = Buffer.byteLength(request.body);
      return new Promise<HttpResponse>((resolve, reject) => {
        let settled = false;
        const fail = (err: NetworkError) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          reject(err);
        };
        const req = lib.request(
          url,
          { method: request.method, headers, agent: agents[secure ? 'https:' : 'http:'] },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('error', (e) => fail(toNetworkError(e)));
            res.on('aborted', () => fail(new NetworkError('reset', 'The connection closed before the response was complete.')));
            res.on('end', () => {
              if (settled) return;
              if (!res.complete) {
                fail(new NetworkError('reset', 'The connection closed before the response was complete.'));
                return;
              }
              settled = true;
              clearTimeout(timer);
              resolve({ status: res.statusCode ?? 0, headers: flatten(res.headers), body: Buffer.concat(chunks).toString('utf8') });
            });
          },
        );
        const timer = setTimeout(() => {
          fail(new NetworkError('timeout', `No response within ${Math.round(timeoutMs / 1000)} s.`));
          req.destroy();
        }, timeoutMs);
        req.on('error', (e) => fail(toNetworkError(e)));
        req.end(request.body ?? undefined);
      });
    },
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function toNetworkError(err: Error): NetworkError {
  if (err instanceof NetworkError) return err;
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code === 'ECONNRESET' || code === 'EPIPE' || err.message === 'socket hang up') {
    return new NetworkError('reset', 'The connection was dropped before a response arrived.');
  }
  if (code === 'ECONNREFUSED') return new NetworkError('refused', 'The connection was refused.');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new NetworkError('dns', `The host name could not be resolved (${code}).`);
  if (code === 'ETIMEDOUT') return new NetworkError('timeout', 'The connection timed out.');
  if (/CERT|SSL|TLS|EPROTO/.test(code) || /SSL|TLS|certificate/i.test(err.message)) {
    return new NetworkError('tls', `The secure connection failed (${code || 'TLS'}): ${err.message}`);
  }
  return new NetworkError('other', `${code ? `${code}: ` : ''}${err.message}`);
}
