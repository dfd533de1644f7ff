import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream, existsSync, mkdirSync, statSync, createWriteStream } from 'node:fs';
import { extname, join, normalize, resolve, sep, basename } from 'node:path';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Backend } from '../backend';
import { wireRequest } from './wire';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface WebServerOptions {
  backend: Backend;
  /** The built renderer (dist-web). */
  staticDir: string;
  /** Where browser uploads land, so the backend can read them by path like the desktop app does. */
  uploadDir: string;
  port?: number;
  token?: string;
}

export interface RunningWebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/**
 * Serves the renderer and the contract over a WebSocket, on 127.0.0.1 only. Every WebSocket and
 * upload must carry this run's random token and come from our own origin, so no other local page
 * or process can drive the backend.
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const staticRoot = resolve(options.staticDir);
  mkdirSync(options.uploadDir, { recursive: true });
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
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname === '/upload') return void handleUpload(req, res, url);
    if (req.method === 'GET' && url.pathname === '/download') return void handleDownload(res, url);
    if (req.method !== 'GET' && req.method !== 'HEAD') return void send(res, 405, 'Method not allowed');
    serveStatic(res, url.pathname);
  });

  function send(res: ServerResponse, status: number, body: string) {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(body);
  }

  function serveStatic(res: ServerResponse, pathname: string) {
    const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = join(staticRoot, rel);
    if (!file.startsWith(staticRoot + sep) && file !== staticRoot) return send(res, 403, 'Forbidden');
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticRoot, 'index.html');
    if (!existsSync(file)) return send(res, 500, 'The renderer is not built: run `npm run web`.');
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    createReadStream(file).pipe(res);
  }

  async function handleUpload(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (!tokenOk(url.searchParams.get('token')) || !originOk(req)) return send(res, 403, 'Forbidden');
    const name = basename(url.searchParams.get('name') ?? 'upload').replace(/[^\w.\- ()]+/g, '_');
    const dir = join(options.uploadDir, randomBytes(6).toString('hex'));
    mkdirSync(dir, { recursive: true });
    const target = join(dir, name || 'upload');
    try {
      await pipeline(req, createWriteStream(target));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: target }));
    } catch (err) {
      send(res, 500, `Upload failed: ${(err as Error).message}`);
    }
  }

  function handleDownload(res: ServerResponse, url: URL) {
    // Downloads are limited to files the backend wrote into the data folder's exports.
    if (!tokenOk(url.searchParams.get('token'))) return send(res, 403, 'Forbidden');
    const exportsDir = resolve(options.backend.context.dataDir, 'exports');
    const file = resolve(url.searchParams.get('path') ?? '');
    if (!file.startsWith(exportsDir + sep) || !existsSync(file)) return send(res, 404, 'Not found');
    res.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename="${basename(file).replace(/"/g, '')}"`,
    });
    createReadStream(file).pipe(res);
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 8 * 1024 * 1024,
  });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/ws' || !tokenOk(url.searchParams.get('token')) || !originOk(req)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const unsubscribe = options.backend.subscribe((name, payload) => {
    const frame = JSON.stringify({ event: name, payload });
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(frame);
  });

  wss.on('connection', (ws: WebSocket) => {
    ws.on('message', async (data) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        ws.send(JSON.stringify({ id: null, ok: false, error: { code: 'BAD_MESSAGE', message: 'The message is not JSON.' } }));
        return;
      }
      const req = wireRequest.safeParse(parsed);
      if (!req.success) {
        const id = (parsed as { id?: unknown } | null)?.id ?? null;
        ws.send(
          JSON.stringify({
            id: typeof id === 'string' || typeof id === 'number' ? id : null,
            ok: false,
            error: { code: 'BAD_MESSAGE', message: 'A request needs {id, method, input}.' },
          }),
        );
        return;
      }
      const result = await options.backend.call(req.data.method, req.data.input);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: req.data.id, ...result }));
    });
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
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
