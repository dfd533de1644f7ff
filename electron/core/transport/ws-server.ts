import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep, basename } from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Backend } from '../backend';
import { defaultWorkspaceFolder } from '../handlers/workspace';
import { wireRequest } from './wire';
import { attachmentDisposition } from './content-disposition';
import { answerFailure, assertOwnHost, decodedPath, HttpRefusal, refuseUpgrade, requestUrl } from './http-guard';
import { UploadStore, UploadTooLarge } from './upload-store';
import { webPathPolicy, type WebPathRoots } from './web-path-policy';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** A larger message is refused (and its socket closed) by ws before it reaches the backend. */
const MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

export interface WebServerOptions {
  backend: Backend;
  /** The built renderer (dist-web). */
  staticDir: string;
  /** Where browser uploads land, so the backend can read them by path like the desktop app does. */
  uploadDir: string;
  port?: number;
  token?: string;
  /** The most one upload may hold; default: the import limit. */
  maxUploadBytes?: number;
  /** Where backend calls may read and write; default: uploads, the exports folder, the workspaces folder. */
  pathRoots?: Partial<WebPathRoots>;
}

export interface RunningWebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer and the contract over a WebSocket, on 127.0.0.1 only. Every WebSocket and
 * upload must carry this run's random token, name our own Host and come from our own origin, so
 * no other local page or process can drive the backend. No request, however malformed, stops it:
 * each failure is answered (400/403/413/500) and the server goes on.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  const exportsDir = resolve(options.backend.context.dataDir, 'exports');
  const uploads = new UploadStore(options.uploadDir, options.maxUploadBytes);
  uploads.purge();
  const checkPaths = webPathPolicy(
    {
      read: options.pathRoots?.read ?? [uploads.root],
      write: options.pathRoots?.write ?? [exportsDir],
      workspace: options.pathRoots?.workspace ?? [defaultWorkspaceFolder(options.backend.context.dataDir)],
      resumes: options.pathRoots?.resumes ?? join(options.backend.context.dataDir, 'resumes'),
    },
    uploads,
    () => options.backend.context.recent.list().map((r) => r.path),
  );
  let port = 0;
  let origin = '';

  const tokenOk = (given: string | null) => {
    if (!given) return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const originOk = (req: IncomingMessage) => {
    const o = req.headers.origin;
    return o === origin || o === origin.replace('127.0.0.1', 'localhost');
  };

  const server: Server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => answerFailure(res, err));
  });
  // A request Node cannot parse never reaches the handler: answer it here rather than by default.
  server.on('clientError', (_err, socket) => refuseUpgrade(socket, new HttpRefusal(400, 'Bad request.')));

  async function route(req: IncomingMessage, res: ServerResponse) {
    assertOwnHost(req, port);
    const url = requestUrl(req);
    if (req.method === 'POST' && url.pathname === '/upload') return handleUpload(req, res, url);
    if (req.method === 'GET' && url.pathname === '/download') return handleDownload(res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpRefusal(405, 'Method not allowed');
    return serveStatic(res, decodedPath(url));
  }

  function send(res: ServerResponse, status: number, body: string) {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(body);
  }

  async function serveStatic(res: ServerResponse, pathname: string) {
    const rel = normalize(pathname).replace(/^([/\\])+/, '');
    let file = join(staticRoot, rel);
    if (!file.startsWith(staticRoot + sep) && file !== staticRoot) throw new HttpRefusal(403, 'Forbidden');
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticRoot, 'index.html');
    if (!existsSync(file)) throw new Error('The renderer is not built: run `npm run web`.');
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    await pipeline(createReadStream(file), res);
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (!tokenOk(url.searchParams.get('token')) || !originOk(req)) throw new HttpRefusal(403, 'Forbidden');
    try {
      const path = await uploads.receive(req, url.searchParams.get('name') ?? 'upload');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path }));
    } catch (err) {
      if (err instanceof UploadTooLarge) {
        // Say so at once and stop reading: the rest of the body is not wanted.
        res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
        res.end(err.message, () => req.destroy());
        return;
      }
      throw new HttpRefusal(500, `Upload failed: ${(err as Error).message}`);
    }
  }

  async function handleDownload(res: ServerResponse, url: URL) {
    // Downloads are limited to files the backend wrote into the data folder's exports.
    if (!tokenOk(url.searchParams.get('token'))) throw new HttpRefusal(403, 'Forbidden');
    const file = resolve(url.searchParams.get('path') ?? '');
    if (!file.startsWith(exportsDir + sep) || !existsSync(file) || !statSync(file).isFile()) return send(res, 404, 'Not found');
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': attachmentDisposition(basename(file)),
    });
    await pipeline(createReadStream(file), res);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('error', (err) => console.error(`WebSocket server: ${err.message}`));
  server.on('upgrade', (req, socket, head) => {
    // Until ws owns the socket, a reset from the peer must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    try {
      assertOwnHost(req, port);
      const url = requestUrl(req);
      if (url.pathname !== '/ws' || !tokenOk(url.searchParams.get('token')) || !originOk(req)) throw new HttpRefusal(403, 'Forbidden');
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    } catch (err) {
      refuseUpgrade(socket, err);
    }
  });

  const unsubscribe = options.backend.subscribe((name, payload) => {
    const frame = JSON.stringify({ event: name, payload });
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(frame);
  });

  const reply = (ws: WebSocket, message: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  async function answer(ws: WebSocket, text: string) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return reply(ws, { id: null, ok: false, error: { code: 'BAD_MESSAGE', message: 'The message is not JSON.' } });
    }
    const req = wireRequest.safeParse(parsed);
    if (!req.success) {
      const id = (parsed as { id?: unknown } | null)?.id ?? null;
      return reply(ws, {
        id: typeof id === 'string' || typeof id === 'number' ? id : null,
        ok: false,
        error: { code: 'BAD_MESSAGE', message: 'A request needs {id, method, input}.' },
      });
    }
    const { id, method } = req.data;
    const allowed = checkPaths(method, req.data.input);
    if (!allowed.ok) return reply(ws, { id, ok: false, error: allowed.error });
    const result = await options.backend.call(method, allowed.input);
    // An imported upload has served its purpose; a failed one stays for another try until the next start.
    const read = allowed.input as { path?: unknown };
    if (result.ok && method === 'import:run' && typeof read.path === 'string' && uploads.contains(read.path)) uploads.discard(read.path);
    reply(ws, { id, ...result });
  }

  wss.on('connection', (ws: WebSocket) => {
    // An oversized message or a broken frame: ws closes this socket (1009/1002); it must not end the process.
    ws.on('error', (err) => console.error(`WebSocket: ${err.message}`));
    ws.on('message', (data) => {
      answer(ws, String(data)).catch((err: unknown) =>
        reply(ws, { id: null, ok: false, error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) } }),
      );
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  server.on('error', (err) => console.error(`Web server: ${err.message}`));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    close: async () => {
      unsubscribe();
      for (const c of wss.clients) c.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
