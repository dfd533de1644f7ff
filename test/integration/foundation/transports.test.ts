import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Backend } from '../../../electron/core/backend';
import { startWebServer, type RunningWebServer } from '../../../electron/core/transport/ws-server';
import { METHOD_NAMES } from '../../../shared/contract';
import { RawWsClient } from '../../support/ws-contract-client';
import { tempDir } from '../../support/temp';
import { SCENARIO } from './contract-scenario';

const RESOURCES = fileURLToPath(new URL('../../../resources', import.meta.url));
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function backendIn(dir: string, transport: 'websocket' | 'in-process') {
  const backend = new Backend({ transport, dataDir: dir, resourcesDir: RESOURCES, jobMode: transport === 'websocket' ? 'worker' : 'inline' });
  cleanups.push(() => backend.close());
  return backend;
}

async function serve(backend: Backend, dir: string): Promise<{ server: RunningWebServer; client: RawWsClient }> {
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir, { recursive: true });
  // The scenario reads the bundled sample and writes beside its workspaces: let it, as the desktop app would.
  const server = await startWebServer({
    backend,
    staticDir,
    uploadDir: join(dir, 'uploads'),
    pathRoots: { read: [dir, RESOURCES], write: [dir], workspace: [dir] },
  });
  cleanups.push(() => server.close());
  const origin = `http://127.0.0.1:${server.port}`;
  const client = await RawWsClient.connect(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, origin);
  cleanups.push(() => client.close());
  return { server, client };
}

/** Makes two runs comparable: their folders, clocks, random ids (and so file sizes) differ by design. */
function normalize(value: unknown, dir: string): unknown {
  return JSON.parse(
    JSON.stringify(value ?? null, (key, v: unknown) => {
      if (key === 'transport') return '<transport>';
      if (typeof v === 'string') return v.split(dir).join('<DIR>').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, '<UUID>');
      if (typeof v === 'number' && (v > 1e12 || /(At|Ms|duration|bytes)$/i.test(key))) return '<N>';
      return v;
    }),
  );
}

const SAMPLE = join(RESOURCES, 'samples', 'sample-ats-export.xlsx');

function substitute(input: Record<string, unknown>, dir: string): unknown {
  return JSON.parse(JSON.stringify(input).split('$DIR').join(dir).split('$SAMPLE').join(SAMPLE));
}

describe('the contract over its transports', () => {
  it('the scenario calls every contract method', () => {
    const called = new Set(SCENARIO.map((s) => s.method));
    expect(METHOD_NAMES.filter((m) => !called.has(m))).toEqual([]);
  });

  it('gives the same results over the WebSocket bridge and in-process', async () => {
    const wsDir = tempDir();
    const ipDir = tempDir();
    const { client } = await serve(backendIn(wsDir, 'websocket'), wsDir);
    const inProcess = backendIn(ipDir, 'in-process');
    for (const step of SCENARIO) {
      const overWs = await client.call(step.method, substitute(step.input, wsDir));
      const direct = await inProcess.call(step.method, substitute(step.input, ipDir));
      const { id: _id, ...wsResult } = overWs;
      expect({ step: step.method, result: normalize(wsResult, wsDir) }).toEqual({ step: step.method, result: normalize(direct, ipDir) });
    }
  });

  it('answers malformed messages over the WebSocket with a clear error and changes nothing', async () => {
    const dir = tempDir();
    const backend = backendIn(dir, 'websocket');
    const { client } = await serve(backend, dir);
    expect(await client.sendRaw('this is not json', null)).toMatchObject({ ok: false, error: { code: 'BAD_MESSAGE' } });
    expect(await client.sendRaw(JSON.stringify({ id: 7, nope: true }), 7)).toMatchObject({ id: 7, ok: false, error: { code: 'BAD_MESSAGE' } });
    expect(await client.call('workspace:nuke', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const bad = await client.call('workspace:create', { name: '', path: 5 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await client.call('workspace:current', {})).toMatchObject({ ok: true, result: null });
    expect(existsSync(join(dir, 'workspaces'))).toBe(false);
  });

  it('answers malformed in-process calls with the same clear errors and changes nothing', async () => {
    const dir = tempDir();
    const backend = backendIn(dir, 'in-process');
    expect(await backend.call('workspace:nuke', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await backend.call('workspace:create', { name: '', path: 5 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await backend.call('workspace:counts', {})).toMatchObject({ ok: false, error: { code: 'NO_WORKSPACE' } });
    expect(existsSync(join(dir, 'workspaces'))).toBe(false);
  });

  it('refuses a WebSocket from another origin or without the token', async () => {
    const dir = tempDir();
    const { server } = await serve(backendIn(dir, 'websocket'), dir);
    const url = `ws://127.0.0.1:${server.port}/ws?token=${server.token}`;
    await expect(RawWsClient.connect(url, 'http://evil.example')).rejects.toThrow(/403/);
    await expect(RawWsClient.connect(url.replace(server.token, 'guess'), `http://127.0.0.1:${server.port}`)).rejects.toThrow(/403/);
  });
});
