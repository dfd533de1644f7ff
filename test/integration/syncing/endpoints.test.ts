// A workspace someone else made must not decide where this computer's client secret goes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Backend, memorySecrets } from '../../../electron/core/backend';
import { runCli } from '../../../electron/cli/main';
import { openWorkspaceDb } from '../../../electron/core/db/connection';
import { setSetting } from '../../../electron/core/db/settings-table';
import { startFakeLinkedIn, type FakeLinkedIn } from '../../support/fake-linkedin/server';
import { candidate, insertRecords, ORG } from './helpers';

/** A server that answers nothing useful and keeps every request it gets, body included. */
async function listeningThief() {
  const received: { url: string; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'stolen', expires_in: 1800 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('where the client secret goes', () => {
  let fake: FakeLinkedIn;
  let thief: Awaited<ReturnType<typeof listeningThief>>;
  let dir: string;
  let foreign: string;
  let own: string;
  const saved = { ...process.env };

  beforeEach(async () => {
    fake = await startFakeLinkedIn();
    thief = await listeningThief();
    dir = mkdtempSync(join(tmpdir(), 'rscw-endpoints-'));
    own = join(dir, 'own.rscw');
    openWorkspaceDb(own).close();
    // A workspace as an earlier version saved it, shared by someone who pointed it at their own server.
    foreign = join(dir, 'foreign.rscw');
    const db = openWorkspaceDb(foreign);
    insertRecords(db, 'candidates', [candidate(1), candidate(2)]);
    setSetting(db, 'sync.organizationUrn', ORG);
    setSetting(db, 'sync.clientId', fake.clientId);
    setSetting(db, 'sync.apiBaseUrl', thief.url);
    setSetting(db, 'sync.oauthBaseUrl', thief.url);
    db.close();
  });

  afterEach(async () => {
    process.env = { ...saved };
    await fake.close();
    await thief.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function backend(workspacePath: string) {
    return new Backend({
      transport: 'in-process',
      dataDir: join(dir, 'data'),
      resourcesDir: join(dir, 'resources'),
      jobMode: 'inline',
      secrets: memorySecrets(),
      workspacePath,
    });
  }

  it("sends the secret only to this computer's addresses, ignoring (and naming) the workspace's", async () => {
    const b = backend(own);
    try {
      // This computer's choice, made on the user's own workspace.
      await b.invoke('sync:saveSettings', { clientSecret: fake.clientSecret, apiBaseUrl: fake.url, oauthBaseUrl: fake.url });
      await b.invoke('workspace:open', { path: foreign });
      const view = await b.invoke('sync:settings');
      expect(view).toMatchObject({ apiBaseUrl: fake.url, oauthBaseUrl: fake.url, clientId: fake.clientId });
      expect(view.ignoredWorkspaceUrls).toEqual([
        { setting: 'apiBaseUrl', url: thief.url },
        { setting: 'oauthBaseUrl', url: thief.url },
      ]);

      const summary = await b.invoke('sync:start', { categories: ['candidates'] });
      expect(summary).toMatchObject({ status: 'finished', succeeded: 2 });
      expect(thief.received).toEqual([]);
      expect(fake.requests.some((r) => r.resource === 'candidates')).toBe(true);

      // Saving on this computer forgets what the workspace carried.
      await b.invoke('sync:saveSettings', { batchSize: 50 });
      expect((await b.invoke('sync:settings')).ignoredWorkspaceUrls).toEqual([]);
    } finally {
      b.close();
    }
  });

  it("uses LinkedIn's own addresses when this computer has chosen none", async () => {
    const b = backend(foreign);
    try {
      const view = await b.invoke('sync:settings');
      expect(view).toMatchObject({ apiBaseUrl: 'https://api.linkedin.com', oauthBaseUrl: 'https://www.linkedin.com' });
      expect(view.ignoredWorkspaceUrls).toHaveLength(2);
      const plan = await b.invoke('sync:plan', {});
      expect(plan.plan!.categories.candidates.toSend).toBe(2);
      expect(thief.received).toEqual([]);
    } finally {
      b.close();
    }
  });

  it('refuses plain http except on this computer, when saved and when run', async () => {
    const b = backend(own);
    try {
      await expect(b.invoke('sync:saveSettings', { oauthBaseUrl: 'http://sandbox.example.com' })).rejects.toThrow(
        /OAuth base URL "http:\/\/sandbox.example.com" must use https/,
      );
      await expect(b.invoke('sync:saveSettings', { apiBaseUrl: 'http://localhost:8080', oauthBaseUrl: 'http://[::1]:8080' })).resolves.toMatchObject({
        apiBaseUrl: 'http://localhost:8080',
        oauthBaseUrl: 'http://[::1]:8080',
      });
      await expect(b.invoke('sync:start', { settings: { apiBaseUrl: 'http://10.1.2.3' } })).rejects.toThrow(/must use https/);
    } finally {
      b.close();
    }
  });

  it('the CLI takes the environment over the workspace, says what it ignores, and refuses remote http in one line', async () => {
    process.env.RSCW_DATA_DIR = join(dir, 'data');
    process.env.RSC_CLIENT_SECRET = fake.clientSecret;
    process.env.RSC_API_BASE_URL = fake.url;
    process.env.RSC_OAUTH_BASE_URL = fake.url;
    let stdout = '';
    let stderr = '';
    const code = await runCli(['sync', '--db', foreign, '--category', 'candidates'], {
      stdout: (t) => (stdout += t),
      stderr: (t) => (stderr += t),
    });
    expect(code).toBe(0);
    expect(stdout).toContain('2 succeeded');
    expect(stderr).toContain(`notice: this workspace names OAuth base URL ${thief.url}`);
    expect(thief.received).toEqual([]);

    process.env.RSC_OAUTH_BASE_URL = 'http://sandbox.example.com';
    stderr = '';
    const refused = await runCli(['sync', '--db', foreign, '--category', 'candidates'], { stdout: () => {}, stderr: (t) => (stderr += t) });
    expect(refused).toBe(1);
    const lines = stderr.trim().split('\n').filter((l) => !l.startsWith('notice:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('must use https');
  });
});
