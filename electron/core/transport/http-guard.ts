import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** A request the server refuses with a status and a one-line reason. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The Host a request names must be this server's own address: a page on another name that
 * resolves to 127.0.0.1 (DNS rebinding) is refused before anything else is looked at.
 */
export function assertOwnHost(req: IncomingMessage, port: number): void {
  const host = req.headers.host;
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    throw new HttpRefusal(403, `Forbidden: this server answers only to 127.0.0.1:${port} and localhost:${port}.`);
  }
}

/** The request's URL; a path no URL parser accepts (bad percent-encoding, `http://[`) is a 400. */
export function requestUrl(req: IncomingMessage): URL {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    throw new HttpRefusal(400, 'Bad request: the address cannot be read.');
  }
}

export function decodedPath(url: URL): string {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    throw new HttpRefusal(400, 'Bad request: the path has invalid percent-encoding.');
  }
}

function statusOf(err: unknown): { status: number; message: string } {
  if (err instanceof HttpRefusal) return { status: err.status, message: err.message };
  return { status: 500, message: `Internal error: ${err instanceof Error ? err.message : String(err)}` };
}

/** Answers a failed request; once the response has begun there is nothing to say, so it is cut. */
export function answerFailure(res: ServerResponse, err: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { status, message } = statusOf(err);
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
  res.end(message);
}

/** The same for an upgrade, which has only its raw socket. */
export function refuseUpgrade(socket: Duplex, err: unknown): void {
  const { status, message } = statusOf(err);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = Buffer.from(message);
  socket.end(
    `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : status === 400 ? 'Bad Request' : 'Error'}\r\n` +
      `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${message}`,
    () => socket.destroy(),
  );
}
