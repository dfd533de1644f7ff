import { describe, expect, it } from 'vitest';
import { TokenProvider } from '../../../electron/core/syncing/token-provider';
import type { HttpRequest, HttpResponse, HttpTransport } from '../../../electron/core/syncing/http-transport';
import { DEFAULT_TIMING } from '../../../electron/core/syncing/timing';
import { SyncFailure } from '../../../electron/core/syncing/failures';

function scripted(responses: HttpResponse[]): HttpTransport & { calls: HttpRequest[] } {
  const calls: HttpRequest[] = [];
  return {
    calls,
    send: async (req) => {
      calls.push(req);
      const next = responses.shift();
      if (!next) throw new Error('no more responses');
      return next;
    },
    close: () => {},
  };
}

const token = (value: string, expiresIn = 1800): HttpResponse => ({
  status: 200,
  headers: {},
  body: JSON.stringify({ access_token: value, expires_in: expiresIn }),
});

function provider(transport: HttpTransport, clock: { now: number }) {
  return new TokenProvider({
    oauthBaseUrl: 'https://www.linkedin.com/',
    credentials: { clientId: 'id', clientSecret: 'a/b=c+d' },
    transport,
    timing: { ...DEFAULT_TIMING, retryInitialMs: 1, retryMaxMs: 1 },
    runtime: { now: () => clock.now, sleep: async () => {}, random: () => 0 },
    log: () => {},
    wait: async () => {},
    runId: null,
  });
}

describe('the token provider', () => {
  it('posts a form-encoded client-credentials grant, secret characters escaped', async () => {
    const t = scripted([token('T1')]);
    await provider(t, { now: 0 }).get();
    expect(t.calls[0].url).toBe('https://www.linkedin.com/oauth/v2/accessToken');
    expect(t.calls[0].headers['Content-Type']).toBe('application/x-www-form-urlencoded');
    expect(t.calls[0].body).toBe('grant_type=client_credentials&client_id=id&client_secret=a%2Fb%3Dc%2Bd');
  });

  it('reuses a token until 30 seconds before it expires', async () => {
    const clock = { now: 0 };
    const t = scripted([token('T1', 1800), token('T2', 1800)]);
    const p = provider(t, clock);
    expect(await p.get()).toBe('T1');
    clock.now = 1800_000 - 30_001;
    expect(await p.get()).toBe('T1');
    clock.now = 1800_000 - 30_000;
    expect(await p.get()).toBe('T2');
    expect(t.calls).toHaveLength(2);
  });

  it('fetches a new token after invalidate', async () => {
    const t = scripted([token('T1'), token('T2')]);
    const p = provider(t, { now: 0 });
    await p.get();
    p.invalidate('T1');
    expect(await p.get()).toBe('T2');
  });

  it('reports refused credentials as bad credentials and a non-approved app as missing permission', async () => {
    const refused = provider(scripted([{ status: 401, headers: {}, body: '{"error":"invalid_client","error_description":"Client authentication failed"}' }]), { now: 0 });
    await expect(refused.get()).rejects.toMatchObject({ kind: 'bad_credentials' });
    const denied = provider(scripted([{ status: 400, headers: {}, body: '{"error":"access_denied","error_description":"This application is not allowed to create application tokens"}' }]), { now: 0 });
    const err = await denied.get().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncFailure);
    expect((err as SyncFailure).kind).toBe('missing_permission');
  });

  it('retries a 5xx from the token endpoint', async () => {
    const t = scripted([{ status: 503, headers: {}, body: '' }, token('T1')]);
    expect(await provider(t, { now: 0 }).get()).toBe('T1');
  });
});
