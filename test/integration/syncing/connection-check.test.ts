import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../electron/cli/main';
import { startFakeLinkedIn, type FakeLinkedIn, type FakeLinkedInOptions } from '../../support/fake-linkedin/server';
import { CONNECTION_CHECK_REASONS } from '../../../shared/contract/sync';
import { ORG } from './helpers';

async function cli(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('sync --check', () => {
  const saved = { ...process.env };
  let fake: FakeLinkedIn;
  let dir: string;
  let file: string;

  async function start(options: FakeLinkedInOptions = {}) {
    fake = await startFakeLinkedIn(options);
    dir = mkdtempSync(join(tmpdir(), 'rscw-check-'));
    file = join(dir, 'w.rscw');
    process.env.RSCW_DATA_DIR = join(dir, 'data');
    process.env.RSC_CLIENT_ID = fake.clientId;
    process.env.RSC_CLIENT_SECRET = fake.clientSecret;
    process.env.RSC_ORGANIZATION_URN = ORG;
    process.env.RSC_API_BASE_URL = fake.url;
    process.env.RSC_OAUTH_BASE_URL = fake.url;
  }

  afterEach(async () => {
    process.env = { ...saved };
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the check as JSON; every outcome sends no record and writes nothing on the fake. */
  async function check(...extra: string[]) {
    const out = await cli(['sync', '--check', '--db', file, '--json', ...extra]);
    // Only token calls and reads (or a path the fake does not know, answered 404).
    expect(fake.requests.filter((r) => r.resource !== 'token' && r.resource !== 'unknown' && r.effectiveMethod !== 'GET')).toEqual([]);
    expect(fake.state.candidates.size + fake.state.applications.size + fake.state.jobs.size).toBe(0);
    return { ...out, json: JSON.parse(out.stdout) as Record<string, unknown> };
  }

  function expectFailure(out: Awaited<ReturnType<typeof check>>, reason: string, message: RegExp) {
    expect(out.code).toBe(1);
    expect(Object.keys(out.json)).toEqual(['ok', 'reason', 'message', 'hint']);
    expect(out.json).toMatchObject({ ok: false, reason });
    expect(out.json.message).toMatch(message);
    expect(String(out.json.hint).length).toBeGreaterThan(20);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  }

  it('connected: a token and an authenticated read, exit 0, with the token lifetime', async () => {
    await start();
    const out = await check();
    expect(out.code).toBe(0);
    expect(Object.keys(out.json)).toEqual(['ok', 'tokenExpiresIn', 'apiBaseUrl']);
    expect(out.json).toMatchObject({ ok: true, apiBaseUrl: fake.url });
    expect(out.json.tokenExpiresIn).toBeGreaterThan(1790);
    expect(out.json.tokenExpiresIn).toBeLessThanOrEqual(1800);
    const read = fake.requests.find((r) => r.resource === 'candidates')!;
    expect(read.status).toBe(200);
    expect(read.headers.authorization).toMatch(/^Bearer /);
    expect(read.keys).toEqual(['rscw-connection-check']);
    const text = await cli(['sync', '--check', '--db', file]);
    expect(text.stdout).toMatch(/^Connected to LinkedIn at http:\/\/127\.0\.0\.1:\d+: a token was issued/);
  });

  it('credentials-refused: the OAuth endpoint answers invalid_client', async () => {
    await start({ refuse: { oauth: 'invalid_client' } });
    expectFailure(await check(), 'credentials-refused', /client id and secret: Client authentication failed/);
    expect(fake.requests.filter((r) => r.resource === 'candidates')).toHaveLength(0);
  });

  it('not-permitted: the app may not create application tokens (access_denied)', async () => {
    await start({ refuse: { oauth: 'access_denied' } });
    expectFailure(await check(), 'not-permitted', /not allowed to create application tokens/);
  });

  it('not-authorized: the API is reachable but answers 403', async () => {
    await start({ refuse: { api: 403 } });
    expectFailure(await check(), 'not-authorized', /reachable, but refused the read \(403\): Not enough permissions/);
  });

  it('unreachable: a refused connection, DNS, TLS spoken to a plain server, a 404 on the API route or the token route', async () => {
    await start();
    expectFailure(await check('--api-base-url', 'http://127.0.0.1:9'), 'unreachable', /could not be reached: The connection was refused/);
    // .invalid never resolves (RFC 6761).
    expectFailure(await check('--api-base-url', 'https://no-such-host.invalid'), 'unreachable', /host name could not be resolved/);
    const port = new URL(fake.url).port;
    expectFailure(await check('--api-base-url', `https://127.0.0.1:${port}`), 'unreachable', /secure connection failed/);
    expectFailure(await check('--api-base-url', `${fake.url}/wrong`), 'unreachable', /no LinkedIn API at .*\/wrong \(404\)/);
    expectFailure(await check('--oauth-base-url', `${fake.url}/wrong`), 'unreachable', /no token endpoint at .*\/wrong\/oauth\/v2\/accessToken \(HTTP 404\)/);
    expectFailure(await check('--oauth-base-url', 'http://127.0.0.1:9'), 'unreachable', /token endpoint: The connection was refused/);
  });

  it('unavailable (5xx, 429) and unexpected-response (another 4xx)', async () => {
    await start();
    fake.inject({ type: 'status', status: 503 }, { resource: 'candidates' });
    expectFailure(await check(), 'unavailable', /answered 503/);
    fake.inject({ type: 'status', status: 429 }, { resource: 'candidates' });
    expectFailure(await check(), 'unavailable', /limiting requests \(429\)/);
    fake.inject({ type: 'status', status: 400, body: { message: 'Batch key parameter value is invalid', status: 400 } }, { resource: 'candidates' });
    expectFailure(await check(), 'unexpected-response', /HTTP 400: Batch key parameter value is invalid/);
  });

  it('not-configured: no secret, or no organization URN, without a request', async () => {
    await start();
    delete process.env.RSC_CLIENT_SECRET;
    expectFailure(await check(), 'not-configured', /No client id and secret/);
    process.env.RSC_CLIENT_SECRET = fake.clientSecret;
    delete process.env.RSC_ORGANIZATION_URN;
    expectFailure(await check(), 'not-configured', /No organization URN/);
    expect(fake.requests).toHaveLength(0);
  });

  it('covers every documented reason', () => {
    expect([...CONNECTION_CHECK_REASONS].sort()).toEqual(
      ['credentials-refused', 'not-authorized', 'not-configured', 'not-permitted', 'unavailable', 'unexpected-response', 'unreachable'],
    );
  });
});
