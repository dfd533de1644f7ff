import { describe, expect, it } from 'vitest';
import { REDACTED, redactHeaders, redactText } from '../../../electron/core/exporting/redact';
import { linkedinMessage } from '../../../electron/core/exporting/linkedin-message';

describe('redaction', () => {
  it('blanks bearer tokens, JSON secrets and query secrets in text', () => {
    const text = redactText(
      'Bearer abc.def-123 {"access_token":"VALUE\\"ONE","client_secret":"s3cr3t"} ?client_secret=zzz9&grant_type=x',
    );
    expect(text).not.toMatch(/abc\.def|VALUE|ONE|s3cr3t|zzz9/);
    expect(text).toContain('grant_type=x');
    expect(redactText('Authorization: Basic dXNlcjpwYXNz')).not.toContain('dXNlcjpwYXNz');
    expect(text).toContain(`"client_secret":"${REDACTED}"`);
  });

  it('leaves text without a secret unchanged', () => {
    const body = '{"elements":[{"title":"Engineer","status":201}]}';
    expect(redactText(body)).toBe(body);
  });

  it('reads headers stored as an object, as pairs or as name/value items, and blanks the secret ones', () => {
    expect(redactHeaders(JSON.stringify({ Authorization: 'Bearer x', 'Content-Type': 'application/json' }))).toBe(
      `Authorization: ${REDACTED}\nContent-Type: application/json`,
    );
    expect(redactHeaders(JSON.stringify([['cookie', 'a=b'], ['X-Restli-Method', 'BATCH_CREATE']]))).toBe(
      `cookie: ${REDACTED}\nX-Restli-Method: BATCH_CREATE`,
    );
    expect(redactHeaders(JSON.stringify([{ name: 'x-api-key', value: 'k' }]))).toBe(`x-api-key: ${REDACTED}`);
    expect(redactHeaders('Authorization: Bearer raw-text-token')).not.toContain('raw-text-token');
  });
});

describe("LinkedIn's message", () => {
  it('prefers the error the log stored', () => {
    expect(linkedinMessage('timed out', '{"message":"ignored"}')).toBe('timed out');
  });

  it('reads the top-level message, batch errors, element errors and failed tasks', () => {
    expect(linkedinMessage(null, '{"message":"Invalid token","serviceErrorCode":65600,"status":401}')).toBe('Invalid token');
    expect(linkedinMessage(null, '{"results":{},"errors":{"J-2":{"status":422,"message":"bad title"}}}')).toBe('J-2: bad title');
    expect(linkedinMessage(null, '{"elements":[{"status":201},{"status":422,"error":{"message":"no title"}}]}')).toBe('#2: no title');
    expect(
      linkedinMessage(null, '{"results":{"urn:li:task:1":{"status":"FAILED","errorMessage":"duplicate id"}}}'),
    ).toBe('urn:li:task:1: duplicate id');
  });

  it('says how many more messages there are past the first three', () => {
    const errors = Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`K${i}`, { message: `m${i}` }]));
    expect(linkedinMessage(null, JSON.stringify({ errors }))).toBe('K1: m1; K2: m2; K3: m3; and 2 more');
  });

  it('is empty for a success or a body that is not JSON', () => {
    expect(linkedinMessage(null, '{"results":{"J-1":{"status":204}}}')).toBe('');
    expect(linkedinMessage(null, '<html>')).toBe('');
    expect(linkedinMessage(null, null)).toBe('');
  });
});
