import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeLog, listExchanges, pruneExchanges, type ExchangeEntry } from '../../../electron/core/syncing/exchange-log';
import { requestsOnDay } from '../../../electron/core/syncing/request-budget';
import { tempWorkspace } from '../../integration/syncing/helpers';

const base: ExchangeEntry = {
  runId: null, at: Date.UTC(2025, 5, 1, 10), kind: 'batch', category: 'candidates', method: 'PUT',
  url: 'https://api.linkedin.com/v2/atsCandidates?ids=List(a)', requestHeaders: { Authorization: 'Bearer tok-123456789' },
  requestBody: '{}', status: 200, responseHeaders: { 'content-type': 'application/json' }, responseBody: '{}',
  durationMs: 12, attempt: 1, recordKeys: ['C1'], error: null,
};

describe('the exchange log', () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  it('redacts the Authorization header and any known secret anywhere in the row', () => {
    const ws = tempWorkspace();
    cleanup = ws.cleanup;
    const log = new ExchangeLog(ws.db, () => ['tok-123456789', 's3cr3t/value']);
    log.insert({ ...base, responseBody: '{"echo":"s3cr3t/value"}', error: 'tok-123456789 refused' });
    const row = ws.db.prepare('SELECT * FROM exchanges').get() as Record<string, string>;
    expect(JSON.parse(row.request_headers)).toEqual({ Authorization: 'Bearer [redacted]' });
    expect(JSON.stringify(row)).not.toContain('tok-123456789');
    expect(JSON.stringify(row)).not.toContain('s3cr3t/value');
  });

  it('keeps the client secret and access token out of token exchanges', () => {
    const ws = tempWorkspace();
    cleanup = ws.cleanup;
    const log = new ExchangeLog(ws.db, () => []);
    log.insert({
      ...base, kind: 'token', category: null, method: 'POST', requestHeaders: {},
      requestBody: 'grant_type=client_credentials&client_id=abc&client_secret=a%2Fb%3D', responseBody: '{"access_token":"AQVxyz","expires_in":1800}',
    });
    const row = ws.db.prepare('SELECT request_body, response_body FROM exchanges').get() as { request_body: string; response_body: string };
    expect(row.request_body).toBe('grant_type=client_credentials&client_id=abc&client_secret=%5Bredacted%5D');
    expect(row.response_body).toBe('{"access_token":"[redacted]","expires_in":1800}');
    expect(requestsOnDay(ws.db, base.at)).toBe(0);
  });

  it('counts API exchanges against the UTC day and filters by status and record key', () => {
    const ws = tempWorkspace();
    cleanup = ws.cleanup;
    const log = new ExchangeLog(ws.db, () => []);
    log.insert(base);
    log.insert({ ...base, status: 429, recordKeys: ['C2'] });
    log.insert({ ...base, status: null, error: 'reset', recordKeys: ['C2'] });
    expect(requestsOnDay(ws.db, base.at)).toBe(3);
    expect(listExchanges(ws.db, { status: ['4xx'] }).rows.map((r) => r.status)).toEqual([429]);
    expect(listExchanges(ws.db, { status: ['error'] }).total).toBe(2);
    expect(listExchanges(ws.db, { recordKey: 'C2' }).total).toBe(2);
    expect(listExchanges(ws.db, { search: 'atsCandidates' }).total).toBe(3);
  });

  it('prunes exchanges past the retention period but never the day’s count', () => {
    const ws = tempWorkspace();
    cleanup = ws.cleanup;
    const log = new ExchangeLog(ws.db, () => []);
    log.insert({ ...base, at: base.at - 10 * 86_400_000 });
    log.insert(base);
    expect(pruneExchanges(ws.db, null, base.at)).toBe(0);
    expect(pruneExchanges(ws.db, 7, base.at)).toBe(1);
    expect(listExchanges(ws.db).total).toBe(1);
    expect(requestsOnDay(ws.db, base.at - 10 * 86_400_000)).toBe(1);
  });
});
