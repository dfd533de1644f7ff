import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { Backend } from '../../../electron/core/backend';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { RawWsClient } from '../../support/ws-contract-client';
import { httpCall, rawExchange, spawnHarness, statusOf, type SpawnedHarness } from '../../support/web-harness';
import { tempDir } from '../../support/temp';

// The `npm run web` server as a separate process: whatever any local process or web page sends,
// it answers and stays up, and then the app still works.

const SAMPLE = fileURLToPath(new URL('../../../resources/samples/sample-ats-export.xlsx', import.meta.url));
let h: SpawnedHarness;
let leftover: string;

beforeAll(async () => {
  const dataDir = tempDir('rscw-harness-');
  leftover = join(dataDir, 'uploads', 'a1b2c3', 'old.csv');
  mkdirSync(join(dataDir, 'uploads', 'a1b2c3'), { recursive: true });
  writeFileSync(leftover, 'id\n1\n');
  h = await spawnHarness(dataDir);
});
afterAll(async () => h?.stop());

const own = () => ({ host: `127.0.0.1:${h.port}`, origin: h.origin });

async function client(): Promise<RawWsClient> {
  return RawWsClient.connect(`ws://127.0.0.1:${h.port}/ws?token=${h.token}`, h.origin);
}

async function upload(name: string, body: Buffer): Promise<string> {
  const r = await httpCall(h.port, {
    method: 'POST',
    path: `/upload?token=${h.token}&name=${encodeURIComponent(name)}`,
    headers: { ...own(), 'content-length': String(body.length) },
    body,
  });
  expect(r.status, r.body.toString()).toBe(200);
  return (JSON.parse(r.body.toString()) as { path: string }).path;
}

async function expectOk(c: RawWsClient, method: string, input: unknown) {
  const r = await c.call(method, input);
  expect(r, `${method}: ${JSON.stringify(r)}`).toMatchObject({ ok: true });
  return (r as { result: unknown }).result;
}

/** The app, used end to end: workspace, upload, inspect, import, export, download. */
async function useTheApp(workspaceName: string) {
  const c = await client();
  try {
    await expectOk(c, 'workspace:create', { name: workspaceName });
    const path = await upload('sample-ats-export.xlsx', readFileSync(SAMPLE));
    await expectOk(c, 'import:inspect', { path });
    await expectOk(c, 'import:run', { path });
    const target = join(h.dataDir, 'exports', `${workspaceName} audit.xlsx`);
    await expectOk(c, 'export:audit', { path: target, includeBodies: false });
    const d = await httpCall(h.port, { path: `/download?token=${h.token}&path=${encodeURIComponent(target)}`, headers: own() });
    expect(d.status).toBe(200);
    expect(d.body.subarray(0, 2).toString()).toBe('PK');
    return { upload: path, download: d };
  } finally {
    c.close();
  }
}

describe('the web harness under hostile requests', () => {
  it('answers a path with bad percent-encoding with 400 and stays up', async () => {
    const answer = await rawExchange(h.port, `GET /%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(answer)).toBe(400);
    expect(answer).toMatch(/percent-encoding/);
    expect(h.alive()).toBe(true);
  });

  it('answers an unparsable request target with 400 and stays up', async () => {
    const answer = await rawExchange(h.port, `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(answer)).toBe(400);
    expect(h.alive()).toBe(true);
  });

  it('answers a request line that is not HTTP with 400 and stays up', async () => {
    const answer = await rawExchange(h.port, '\u0000\u0001 not http at all\r\n\r\n');
    expect(statusOf(answer)).toBe(400);
    expect(h.alive()).toBe(true);
  });

  it('answers a bad upgrade request with 400 and stays up', async () => {
    const answer = await rawExchange(
      h.port,
      `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: ${h.origin}\r\n\r\n`,
    );
    expect(statusOf(answer)).toBe(400);
    expect(h.alive()).toBe(true);
  });

  it('downloads a file whose name is not ASCII, with an RFC 6266 file name', async () => {
    const { download } = await useTheApp('Acme — Greenhouse');
    const disposition = String(download.headers['content-disposition']);
    expect(disposition).toContain(`filename*=UTF-8''Acme%20%E2%80%94%20Greenhouse%20audit.xlsx`);
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"/);
    expect(h.alive()).toBe(true);
  });

  it('closes a WebSocket that sends a 9 MB message, stays up, and serves the next one', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/ws?token=${h.token}`, { origin: h.origin });
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.on('error', () => undefined);
    ws.send(Buffer.alloc(9 * 1024 * 1024, 0x20));
    expect(await closed).toBe(1009);
    expect(h.alive()).toBe(true);
    const c = await client();
    expect(await c.call('workspace:recent', {})).toMatchObject({ ok: true });
    c.close();
  });

  it('closes a WebSocket that sends a frame with an invalid opcode, stays up, and serves the next one', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/ws?token=${h.token}`, { origin: h.origin });
    await new Promise((r) => ws.once('open', r));
    const closed = new Promise((r) => ws.once('close', r));
    ws.on('error', () => undefined);
    // ws will not build a bad frame, so write one on its socket: FIN + opcode 0x3 (reserved), masked, empty.
    (ws as unknown as { _socket: import('node:net').Socket })._socket.write(Buffer.from([0x83, 0x80, 1, 2, 3, 4]));
    await closed;
    expect(h.alive()).toBe(true);
    const c = await client();
    expect(await c.call('workspace:recent', {})).toMatchObject({ ok: true });
    c.close();
  });

  it('refuses a Host other than its own, for pages, downloads and WebSockets', async () => {
    const page = await httpCall(h.port, { path: '/', headers: { host: `rebind.example:${h.port}` } });
    expect(page.status).toBe(403);
    const other = await httpCall(h.port, { path: '/', headers: { host: `127.0.0.1:1` } });
    expect(other.status).toBe(403);
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/ws?token=${h.token}`, { origin: h.origin, headers: { host: `rebind.example:${h.port}` } });
    const status = await new Promise<number>((resolve) => {
      ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
      ws.once('error', () => undefined);
    });
    expect(status).toBe(403);
    for (const host of [`127.0.0.1:${h.port}`, `localhost:${h.port}`]) {
      expect((await httpCall(h.port, { path: '/app.js', headers: { host } })).status).not.toBe(403);
    }
  });

  it('reads only uploads and writes only to the exports folder', async () => {
    const c = await client();
    try {
      const passwd = await c.call('import:inspect', { path: '/etc/passwd' });
      expect(passwd).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
      const sneaky = await c.call('import:inspect', { path: join(h.dataDir, 'uploads', '..', '..', 'etc', 'passwd') });
      expect(sneaky).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
      await expectOk(c, 'workspace:create', { name: 'Paths' });
      const outside = join(tempDir('rscw-outside-'), 'preset.json');
      const preset = await c.call('import:exportPreset', { name: 'Anything', path: outside });
      expect(preset).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
      expect(existsSync(outside)).toBe(false);
      const audit = await c.call('export:audit', { path: join(h.dataDir, 'audit.xlsx') });
      expect(audit).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
      const ws = await c.call('workspace:create', { name: 'Elsewhere', path: join(tempDir('rscw-outside-'), 'x.rscw') });
      expect(ws).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
      const folder = await c.call('resumes:attach', { folder: '/etc' });
      expect(folder).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    } finally {
      c.close();
    }
  });

  it('opens a workspace of the recent list wherever it is, but no other outside the workspaces folder', async () => {
    // The desktop app, sharing the data folder, made a workspace elsewhere: the browser may reopen it from the list.
    const elsewhere = join(tempDir('rscw-desktop-'), 'Client.rscw');
    const desktop = new Backend({ transport: 'in-process', dataDir: h.dataDir, resourcesDir: dirname(dirname(SAMPLE)), jobMode: 'inline' });
    await desktop.invoke('workspace:create', { path: elsewhere, name: 'Client' });
    desktop.close();
    const c = await client();
    try {
      await expectOk(c, 'workspace:open', { path: elsewhere });
      const other = join(dirname(elsewhere), 'Other.rscw');
      expect(await c.call('workspace:open', { path: other })).toMatchObject({ ok: false, error: { code: 'PATH_NOT_ALLOWED' } });
    } finally {
      c.close();
    }
  });

  it('opens an uploaded workspace from the workspaces folder, so clearing uploads keeps it', async () => {
    const c = await client();
    try {
      const made = (await expectOk(c, 'workspace:create', { name: 'Shared copy' })) as { path: string };
      const path = await upload('Shared copy.rscw', readFileSync(made.path));
      const opened = (await expectOk(c, 'workspace:open', { path })) as { path: string };
      expect(opened.path.startsWith(join(h.dataDir, 'workspaces'))).toBe(true);
      expect(existsSync(path)).toBe(false);
    } finally {
      c.close();
    }
  });

  it('keeps uploaded resume files out of the uploads once attached, so the next sync still finds them', async () => {
    const c = await client();
    try {
      await expectOk(c, 'workspace:create', { name: 'Resumes' });
      const file = await upload('A000001.pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
      const report = (await expectOk(c, 'resumes:attach', { folder: dirname(file) })) as { folder: string; files: number };
      expect(report.folder.startsWith(join(h.dataDir, 'resumes'))).toBe(true);
      expect(report.files).toBe(1);
      expect(existsSync(file)).toBe(false);
    } finally {
      c.close();
    }
  });

  it('refuses an upload larger than an import may be, before reading it', async () => {
    const answer = await rawExchange(
      h.port,
      `POST /upload?token=${h.token}&name=huge.csv HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nOrigin: ${h.origin}\r\n` +
        `Content-Length: ${Math.round(1.2 * 1024 ** 3)}\r\n\r\nid\n`,
    );
    expect(statusOf(answer)).toBe(413);
    expect(readdirSync(join(h.dataDir, 'uploads'))).toEqual([]);
  });

  it('deletes the partial file of an aborted upload', async () => {
    const socket = connect(h.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      `POST /upload?token=${h.token}&name=cut.csv HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nOrigin: ${h.origin}\r\n` +
        `Content-Length: 100000\r\n\r\n${'a,b\n'.repeat(1000)}`,
    );
    await vi.waitFor(() => expect(readdirSync(join(h.dataDir, 'uploads')).length).toBe(1));
    socket.destroy();
    await vi.waitFor(() => expect(readdirSync(join(h.dataDir, 'uploads'))).toEqual([]));
    expect(h.alive()).toBe(true);
  });

  it('deletes an upload once imported, and leftovers of an earlier run at start', async () => {
    expect(existsSync(leftover)).toBe(false);
    const { upload: imported } = await useTheApp('After upload');
    expect(existsSync(imported)).toBe(false);
  });

  it('after all of it, still works end to end', async () => {
    expect(h.alive()).toBe(true);
    await useTheApp('Still working');
    expect(h.stderr()).not.toMatch(/Uncaught|ERR_INVALID_CHAR|URIError/);
  });
});
