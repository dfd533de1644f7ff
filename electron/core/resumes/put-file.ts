import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { ExchangeLog } from '../syncing/exchange-log';
import { SyncFailure } from '../syncing/failures';
import { backoffDelay, type SyncRuntime, type SyncTiming } from '../syncing/timing';
import { UploadRefused, type ApiResponse, type UploadFile } from './uploader';

export interface PutFileOptions {
  log: ExchangeLog;
  timing: SyncTiming;
  runtime: SyncRuntime;
  wait: (ms: number) => Promise<void>;
  runId: number | null;
  throwIfStopped: () => void;
  onRetry?: (reason: string, delayMs: number, attempt: { retry: number; of: number }) => void;
}

const TRANSIENT = new Set([500, 502, 503, 504]);

/** One PUT of raw bytes; rejects with the socket's error when no complete response arrives. */
function putOnce(url: string, headers: Record<string, string>, bytes: Buffer, timeoutMs: number): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(target, { method: 'PUT', headers: { ...headers, 'Content-Length': bytes.length }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        if (!res.complete) return reject(new Error('The connection closed before the response was complete.'));
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`No response within ${Math.round(timeoutMs / 1000)} s.`)));
    req.on('error', reject);
    req.end(bytes);
  });
}

/**
 * PUTs a resume's bytes to its upload URL, retrying dropped connections and 5xx (a PUT to the
 * same URL is idempotent). Every attempt is logged as an 'upload' exchange whose request body is
 * the file's name, size and SHA-256, never its bytes. The file is re-read and re-hashed first: a
 * file changed on disk since it was attached is not uploaded under the old fingerprint.
 */
export async function putFile(url: string, file: UploadFile, headers: Record<string, string>, recordKeys: readonly string[], o: PutFileOptions): Promise<ApiResponse> {
  const bytes = readFileSync(file.path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== file.sha256) {
    throw new UploadRefused(`${file.fileName} changed on disk since it was attached: attach the folder again.`, null);
  }
  const description = JSON.stringify({ fileName: file.fileName, size: bytes.length, sha256 });
  for (let attempt = 1; ; attempt++) {
    if (attempt > 1) o.throwIfStopped();
    const at = o.runtime.now();
    const started = performance.now();
    let response: Awaited<ReturnType<typeof putOnce>> | null = null;
    let error: string | null = null;
    try {
      response = await putOnce(url, headers, bytes, o.timing.requestTimeoutMs);
    } catch (err) {
      error = (err as Error).message || 'The connection was dropped before a response arrived.';
    }
    const exchangeId = o.log.insert({
      runId: o.runId, at, kind: 'upload', category: 'applications', method: 'PUT', url,
      requestHeaders: headers, requestBody: description,
      status: response?.status ?? null, responseHeaders: response?.headers ?? null, responseBody: response?.body ?? null,
      durationMs: performance.now() - started, attempt, recordKeys, error,
    });
    if (response && !TRANSIENT.has(response.status)) return { status: response.status, body: response.body, exchangeId };
    const reason = error ?? `HTTP ${response!.status}`;
    if (attempt >= o.timing.maxAttempts) {
      throw new SyncFailure(error ? 'network' : 'unavailable', `The upload of ${file.fileName} failed after ${attempt} tries: ${reason}`, response?.status, exchangeId);
    }
    const delay = backoffDelay(attempt, o.timing.retryInitialMs, o.timing.retryMaxMs, o.runtime.random);
    o.onRetry?.(error ? 'network error' : `LinkedIn answered ${response!.status}`, delay, { retry: attempt, of: o.timing.maxAttempts - 1 });
    await o.wait(delay);
  }
}
