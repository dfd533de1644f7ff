import type http from 'node:http';
import { createHash } from 'node:crypto';

/**
 * The fake's resume upload (signed-URL flow, shared/rsc/linkedin-api.md §7): POST
 * /v2/hireMediaUrl issues an upload URL and a media URN; PUT to that URL stores the bytes (PDF,
 * DOC, DOCX or TXT matching the issued content type, at most 10 MB); an application may then carry
 * the URN for 24 hours after it was issued. Plugged into server.ts through resourceOf/handle*.
 */

export const MEDIA_MAX_BYTES = 10 * 1024 * 1024;
export const MEDIA_URN_TTL_MS = 24 * 60 * 60 * 1000;
/** How long an issued upload URL accepts the upload. */
export const UPLOAD_URL_TTL_MS = 60 * 60 * 1000;

const CONTENT_TYPES = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/plain',
]);

export interface StoredMedia {
  urn: string;
  uploadId: string;
  contentType: string;
  issuedAt: number;
  status: 'WAITING_UPLOAD' | 'AVAILABLE';
  size: number | null;
  sha256: string | null;
  /** Successful PUTs of the bytes (a retried PUT to the same URL is idempotent). */
  uploads: number;
}

export type MediaResource = 'mediaUrl' | 'mediaUpload';

export interface FakeMedia {
  resourceOf(path: string): MediaResource | null;
  handleIssue(request: { effectiveMethod: string; jsonBody: string | null }, res: http.ServerResponse, baseUrl: string): void;
  handleUpload(request: { method: string; path: string; headers: Record<string, string> }, raw: Buffer, res: http.ServerResponse): { applied: boolean };
  /** Why an application's `media` is refused, or null. */
  applicationProblem(entity: Record<string, unknown>): string | null;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function looksLike(contentType: string, raw: Buffer): boolean {
  if (contentType === 'application/pdf') return raw.subarray(0, 5).toString('latin1') === '%PDF-';
  if (contentType === 'application/msword') return raw.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]));
  if (contentType.includes('wordprocessingml')) return raw.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  return !raw.includes(0);
}

export function createFakeMedia(media: Map<string, StoredMedia>, now: () => number): FakeMedia {
  let counter = 0;
  const byUpload = new Map<string, StoredMedia>();
  return {
    resourceOf(path) {
      if (path === '/v2/hireMediaUrl') return 'mediaUrl';
      if (/^\/media-upload\/[\w-]+$/.test(path)) return 'mediaUpload';
      return null;
    },

    handleIssue(r, res, baseUrl) {
      if (r.effectiveMethod !== 'POST') return send(res, 405, { message: 'Use POST', status: 405 });
      let body: { contentType?: unknown };
      try {
        body = JSON.parse(r.jsonBody ?? '') as typeof body;
      } catch {
        return send(res, 400, { message: 'The body is not JSON', status: 400 });
      }
      if (typeof body.contentType !== 'string' || !CONTENT_TYPES.has(body.contentType)) {
        return send(res, 400, { message: `contentType must be one of ${[...CONTENT_TYPES].join(', ')}`, status: 400 });
      }
      const uploadId = `up${(++counter).toString(16).padStart(6, '0')}`;
      const urn = `urn:li:media:/AAU${uploadId}fake`;
      const stored: StoredMedia = { urn, uploadId, contentType: body.contentType, issuedAt: now(), status: 'WAITING_UPLOAD', size: null, sha256: null, uploads: 0 };
      media.set(urn, stored);
      byUpload.set(uploadId, stored);
      send(res, 200, { value: { uploadUrl: `${baseUrl}/media-upload/${uploadId}`, urn } });
    },

    handleUpload(r, raw, res) {
      const stored = byUpload.get(r.path.slice('/media-upload/'.length));
      if (r.method !== 'PUT') {
        send(res, 405, { message: 'Upload with PUT', status: 405 });
        return { applied: false };
      }
      if (!stored || !media.has(stored.urn)) {
        send(res, 404, { message: 'No such upload URL', status: 404 });
        return { applied: false };
      }
      if (now() > stored.issuedAt + UPLOAD_URL_TTL_MS) {
        send(res, 403, { message: 'The upload URL has expired', status: 403 });
        return { applied: false };
      }
      if (raw.length > MEDIA_MAX_BYTES) {
        send(res, 413, { message: `The file is ${raw.length} bytes; at most 10 MB`, status: 413 });
        return { applied: false };
      }
      const type = (r.headers['content-type'] ?? '').split(';')[0].trim();
      if (type !== stored.contentType || !looksLike(stored.contentType, raw)) {
        send(res, 415, { message: `The upload is not ${stored.contentType}`, status: 415 });
        return { applied: false };
      }
      stored.status = 'AVAILABLE';
      stored.size = raw.length;
      stored.sha256 = createHash('sha256').update(raw).digest('hex');
      stored.uploads++;
      res.writeHead(201, { 'Content-Length': 0 });
      res.end();
      return { applied: true };
    },

    applicationProblem(entity) {
      if (entity.media === undefined) return null;
      const stored = typeof entity.media === 'string' ? media.get(entity.media) : undefined;
      if (!stored) return 'ERROR :: /media :: unknown media URN';
      if (stored.status !== 'AVAILABLE') return 'ERROR :: /media :: the media was never uploaded';
      if (now() >= stored.issuedAt + MEDIA_URN_TTL_MS) return 'ERROR :: /media :: the media URN has expired';
      return null;
    },
  };
}
