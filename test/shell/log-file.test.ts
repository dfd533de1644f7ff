import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { redact, RotatingLog } from '../../electron/main/log-file';
import { workspaceFileFromArgv } from '../../electron/main/workspace-files';
import { tempDir } from '../support/temp';

describe('the support log', () => {
  it('never writes a secret: named values, auth headers, and the client secret in use wherever it appears', () => {
    const dir = tempDir('rscw-log-');
    const log = new RotatingLog({ dir, knownSecrets: () => ['s3cr3t-Value-42', null] });
    log.info('POST /oauth/v2/accessToken grant_type=client_credentials&client_id=abc&client_secret=s3cr3t-Value-42');
    log.warn('{"access_token":"AQX-very-long-token","expires_in":1800}');
    log.error('Sync failed', new Error('401 with Authorization: Bearer AQX-very-long-token-value'));
    log.info('The secret s3cr3t-Value-42 was echoed by a proxy; password: hunter22');
    const text = readFileSync(log.path, 'utf8');
    for (const secret of ['s3cr3t-Value-42', 'AQX-very-long-token', 'hunter22']) expect(text).not.toContain(secret);
    expect(text).toContain('client_id=abc');
    expect(text).toContain('"expires_in":1800');
    expect(text).toMatch(/ERROR Sync failed: Error: 401 with Authorization: Bearer \[redacted\]/);
    expect(redact('token=[redacted] and clientSecret: "x1y2z3"')).toBe('token=[redacted] and clientSecret: "[redacted]"');
  });

  it('rotates at its size limit and keeps a bounded number of old files', () => {
    const dir = tempDir('rscw-log-');
    const log = new RotatingLog({ dir, maxBytes: 2_000, keep: 2 });
    for (let i = 0; i < 200; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    expect(readdirSync(dir).sort()).toEqual(['rsc-workbench.1.log', 'rsc-workbench.2.log', 'rsc-workbench.log']);
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f)).length).toBeLessThanOrEqual(2_000);
    expect(readFileSync(log.path, 'utf8')).toContain('line 199 ');
    expect(readFileSync(join(dir, 'rsc-workbench.1.log'), 'utf8')).not.toContain('line 199 ');
  });

  it('does not throw when the log cannot be written', () => {
    const dir = tempDir('rscw-log-');
    const log = new RotatingLog({ dir: join(dir, 'missing', '\0bad') });
    expect(() => log.info('still running')).not.toThrow();
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});

describe('the workspace file a launch names', () => {
  it('is the last .rscw argument, read against the launching folder; switches and other files are not it', () => {
    expect(workspaceFileFromArgv(['/opt/app/rsc-workbench'], '/home/ana')).toBeNull();
    expect(workspaceFileFromArgv(['/opt/app/rsc-workbench', '--no-sandbox', 'clients/Acme.RSCW'], '/home/ana')).toBe('/home/ana/clients/Acme.RSCW');
    expect(workspaceFileFromArgv(['electron', '.', '/data/a.rscw', '/data/b.rscw'], '/')).toBe('/data/b.rscw');
    expect(workspaceFileFromArgv(['electron', '--flag=x.rscw', 'export.xlsx'], '/')).toBeNull();
  });
});
