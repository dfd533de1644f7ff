import type { ResumeContentType, ResumeFlow } from '../../../shared/contract/resumes';

/** One resume file to upload, as attached. */
export interface UploadFile {
  path: string;
  fileName: string;
  size: number;
  sha256: string;
  contentType: ResumeContentType;
  /** An upload URL issued earlier for this very content whose upload was never confirmed: reuse it. */
  pending: { urn: string; uploadUrl: string; obtainedAt: number } | null;
}

/** A JSON call to the API (token, retries, logging done by the caller's client). */
export interface ApiResponse {
  status: number;
  body: string;
  exchangeId: number;
}

/** What an upload flow may do: every exchange it makes is logged by these. */
export interface UploadContext {
  organizationUrn: string;
  now(): number;
  /** POST/PUT JSON to the API (path relative to the API base URL), logged, 5xx/429/401 handled. */
  api(method: 'POST' | 'PUT', path: string, body: unknown, meta: { recordKeys: readonly string[] }): Promise<ApiResponse>;
  /** PUT the file's bytes to a (signed) URL: logged with name, size and SHA-256 instead of the bytes; retried on 5xx and drops. */
  putFile(url: string, file: UploadFile, headers: Record<string, string>, meta: { recordKeys: readonly string[] }): Promise<ApiResponse>;
  /** Persist an issued upload URL before the bytes go out, so an interrupted upload resumes with it. */
  remember(pending: { urn: string; uploadUrl: string; obtainedAt: number }): void;
  recordKeys: readonly string[];
}

export interface UploadResult {
  urn: string;
  obtainedAt: number;
  expiresAt: number;
  exchangeId?: number | null;
}

/** LinkedIn refused the file itself (type, size): the application is not sent, nothing is retried. */
export class UploadRefused extends Error {
  constructor(message: string, readonly exchangeId: number | null) {
    super(message);
    this.name = 'UploadRefused';
  }
}

/** One upload flow. A second flow (the /rest attachments API) is one more module implementing this. */
export interface ResumeUploader {
  upload(file: UploadFile, ctx: UploadContext): Promise<UploadResult>;
}

export type UploaderFactory = () => ResumeUploader;

export const RESUME_FLOW_SETTING = 'resumes.flow';
export const DEFAULT_RESUME_FLOW: ResumeFlow = 'signed-url';
