import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { curlCommand, quote } from '../../../shared/exchange-curl';

const batch = {
  kind: 'batch' as const,
  method: 'POST',
  url: 'https://api.linkedin.com/rest/atsCandidates?ids=List((atsCandidateId:C-1))',
  requestHeaders: { Authorization: 'Bearer [redacted]', 'X-Restli-Method': 'BATCH_UPDATE', 'Content-Length': '42', 'Content-Type': 'application/json' },
  requestBody: `{"entities":{"(atsCandidateId:C-1)":{"lastName":"O'Brien $HOME"}}}`,
};

/** What a POSIX shell makes of the command's words, with the variables set. */
function shellWords(command: string, env: Record<string, string>): string[] {
  const script = command.replace(/^#.*\n/gm, '').replace(/^curl/, 'printf "%s\\n"');
  return execFileSync('sh', ['-c', script], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' }).split('\n').slice(0, -1);
}

describe('Copy as cURL', () => {
  it('puts a variable where the token was, and says how to set it', () => {
    const cmd = curlCommand(batch);
    expect(cmd.split('\n')[0]).toBe('# Set RSC_ACCESS_TOKEN to an access token first (the log keeps none): export RSC_ACCESS_TOKEN=…');
    expect(cmd).toContain(`-H 'Authorization: Bearer '"\${RSC_ACCESS_TOKEN}"`);
    expect(cmd).not.toContain('[redacted]');
    expect(cmd).not.toMatch(/content-length/i);
  });

  it('is read by a shell as exactly the request, quotes and dollars included', () => {
    const words = shellWords(curlCommand(batch), { RSC_ACCESS_TOKEN: 'tok-123' });
    expect(words).toEqual([
      '-X', 'POST', batch.url,
      '-H', 'Authorization: Bearer tok-123',
      '-H', 'X-Restli-Method: BATCH_UPDATE',
      '-H', 'Content-Type: application/json',
      '--data-raw', batch.requestBody,
    ]);
  });

  it("puts the client secret's variable in the token call's body", () => {
    const cmd = curlCommand({
      kind: 'token',
      method: 'POST',
      url: 'https://www.linkedin.com/oauth/v2/accessToken',
      requestHeaders: { 'Content-Type': 'application/x-www-form-urlencoded' },
      requestBody: 'grant_type=client_credentials&client_id=abc&client_secret=%5Bredacted%5D',
    });
    expect(cmd).toMatch(/^# Set RSC_CLIENT_SECRET/);
    expect(shellWords(cmd, { RSC_CLIENT_SECRET: 's3cret' }).at(-1)).toBe('grant_type=client_credentials&client_id=abc&client_secret=s3cret');
  });

  it('writes a GET without -X or body', () => {
    expect(curlCommand({ kind: 'poll', method: 'GET', url: 'https://x.example/t', requestHeaders: {}, requestBody: null })).toBe("curl 'https://x.example/t'");
    expect(quote("it's")).toBe(`'it'\\''s'`);
  });
});
