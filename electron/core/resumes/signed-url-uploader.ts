import type { ResumeUploader, UploadContext, UploadFile, UploadResult } from './uploader';
import { UploadRefused } from './uploader';
import { MEDIA_URN_TTL_MS } from './resume-store';

export const HIRE_MEDIA_URL_PATH = '/v2/hireMediaUrl';

interface IssuedUrl {
  uploadUrl: string;
  urn: string;
}

/** The issuing response's shape is undocumented for RSC: read the names LinkedIn's media APIs use. */
function readIssued(body: string): IssuedUrl | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const root = (parsed && typeof parsed === 'object' ? parsed : {}) as Record<string, unknown>;
  const value = (root.value && typeof root.value === 'object' ? root.value : root) as Record<string, unknown>;
  const uploadUrl = value.uploadUrl ?? value.signedUploadUrl;
  const urn = value.urn ?? value.mediaUrn ?? value.media ?? value.asset;
  return typeof uploadUrl === 'string' && typeof urn === 'string' ? { uploadUrl, urn } : null;
}

/**
 * The documented unversioned flow (CRM Connect's resume upload, RSC parameters): POST
 * /v2/hireMediaUrl for a signed upload URL and the media URN, then PUT the bytes to that URL.
 * The URN is valid for 24 hours from when it was obtained.
 */
export const signedUrlUploader: ResumeUploader = {
  async upload(file: UploadFile, ctx: UploadContext): Promise<UploadResult> {
    const meta = { recordKeys: ctx.recordKeys };
    let issued = file.pending ? { uploadUrl: file.pending.uploadUrl, urn: file.pending.urn } : null;
    let obtainedAt = file.pending?.obtainedAt ?? 0;
    for (let attempt = 0; attempt < 2; attempt++) {
      const reused = issued !== null;
      if (!issued) {
        const res = await ctx.api('POST', HIRE_MEDIA_URL_PATH, {
          contentType: file.contentType,
          usageParameters: { recruiterSystemConnectResumeParameters: { integrationContext: ctx.organizationUrn } },
        }, meta);
        if (res.status < 200 || res.status >= 300) {
          throw new UploadRefused(`LinkedIn refused to issue an upload URL (HTTP ${res.status}): ${res.body.slice(0, 300)}`, res.exchangeId);
        }
        issued = readIssued(res.body);
        if (!issued) throw new UploadRefused('LinkedIn answered the upload URL request without an uploadUrl and a media URN.', res.exchangeId);
        obtainedAt = ctx.now();
        ctx.remember({ ...issued, obtainedAt });
      }
      const put = await ctx.putFile(issued.uploadUrl, file, { 'Content-Type': file.contentType }, meta);
      if (put.status >= 200 && put.status < 300) {
        return { urn: issued.urn, obtainedAt, expiresAt: obtainedAt + MEDIA_URN_TTL_MS, exchangeId: put.exchangeId };
      }
      // An upload URL kept from an earlier run may have lapsed: ask for a fresh one, once.
      if (reused && (put.status === 403 || put.status === 404 || put.status === 410)) {
        issued = null;
        continue;
      }
      throw new UploadRefused(`LinkedIn refused the upload of ${file.fileName} (HTTP ${put.status}): ${put.body.slice(0, 300)}`, put.exchangeId);
    }
    throw new UploadRefused(`The upload URL for ${file.fileName} was refused twice.`, null);
  },
};
