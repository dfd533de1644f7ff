import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { tempDir } from './temp';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A spawned `npm run web` server (electron/web/serve.ts), as a user or an attacker would meet it. */
export interface SpawnedHarness {
  dataDir: string;
  port: number;
  token: string;
  origin: string;
  /** Whether the process is still running. */
  alive(): boolean;
  stderr(): string;
  stop(): Promise<void>;
}

export async function spawnHarness(dataDir = tempDir('rscw-harness-')): Promise<SpawnedHarness> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'electron/web/serve.ts'], {
    cwd: ROOT,
    env: { ...process.env, RSCW_DATA_DIR: dataDir, RSCW_PORT: '0', RSCW_NO_DEFAULT_WORKSPACE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  const url = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(new URL(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`web server exited (${code}): ${stderr}`)));
  });
  return {
    dataDir,
    port: Number(url.port),
    token: url.searchParams.get('token') ?? '',
    origin: url.origin,
    alive: () => child.exitCode === null && child.signalCode === null,
    stderr: () => stderr,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Sends raw bytes over a plain TCP socket and returns all the server answered before it closed the connection. */
export function rawExchange(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d) => (answer += String(d)));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer));
    socket.write(bytes);
  });
}

/** The status code of a raw HTTP answer, e.g. 400. */
export function statusOf(answer: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? NaN);
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One HTTP request to the harness, with whatever headers a test wants (Host and Origin included). */
export function httpCall(
  port: number,
  o: { method?: string; path: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: o.method ?? 'GET', path: o.path, headers: o.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(o.body);
  });
}
