import type http from 'node:http';
import { canonicalKey, parseIdsParam, parseRestli, type RestliValue } from './restli-parse';

/**
 * The fake's BATCH_GET of candidates and BATCH_DELETE of candidates, applications and stages, as
 * LinkedIn's RSC Postman collection documents them ("Retrieve Candidate Matches", the deletes), in
 * the Rest.li batch shape `{"results":{key:…},"statuses":{},"errors":{key:{"status":404,…}}}`.
 * Plugged into server.ts after its token, protocol and tunnelling checks.
 *
 * Matches follow a rule the tests know (`matchRule`): a candidate LinkedIn holds with an email
 * address or a linkedInProfileUrl is matched to `urn:li:person:m<atsCandidateId, letters and digits only>`;
 * a manualMatchedMember it holds is answered as sent.
 */

export interface StoredEntityLike {
  key: Record<string, string>;
  entity: Record<string, unknown>;
}

export interface ReadDeleteOptions {
  /** What `matchedMembers` answers for a stored candidate (default: matchRule). */
  matchedMembers?: (atsCandidateId: string, entity: Record<string, unknown>) => unknown;
  /** Refuse deleting this record with a per-key error (status and message), or null to delete it. */
  refuseDelete?: (resource: 'candidates' | 'applications' | 'stages', id: string) => { status: number; message: string } | null;
}

export interface ReadDeleteState {
  candidates: Map<string, StoredEntityLike>;
  applications: Map<string, StoredEntityLike>;
  stages: Map<string, StoredEntityLike>;
}

export interface ReadDeleteRequest {
  effectiveMethod: string;
  path: string;
  query: string;
  restliMethod: string | null;
  resource: string;
  applied: boolean;
}

/** The member a candidate is matched to by the default rule, or null. */
export function matchRule(atsCandidateId: string, entity: Record<string, unknown>): string[] {
  const emails = Array.isArray(entity.emailAddresses) ? entity.emailAddresses : [];
  const hasProfile = typeof entity.linkedInProfileUrl === 'string' && entity.linkedInProfileUrl !== '';
  if (emails.length === 0 && !hasProfile) return [];
  return [`urn:li:person:m${atsCandidateId.replace(/[^A-Za-z0-9]/g, '')}`];
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'X-Restli-Protocol-Version': '2.0.0',
    ...(status >= 400 ? { 'X-RestLi-Error-Response': 'true' } : {}),
  });
  res.end(text);
}

function apiError(res: http.ServerResponse, status: number, message: string): void {
  json(res, status, { message, status });
}

const STAGES_PATH = /^\/v2\/atsApplications\/([^/]+)\/stages$/;

export function createReadDelete(
  state: ReadDeleteState,
  options: ReadDeleteOptions,
  keyProblem: (key: RestliValue, idField: string) => string | null,
) {
  const matched = options.matchedMembers ?? matchRule;

  function ids(r: ReadDeleteRequest, res: http.ServerResponse): { raw: string[]; values: RestliValue[] } | null {
    let parsed;
    try {
      parsed = parseIdsParam(r.query);
    } catch (err) {
      apiError(res, 400, `Batch key parameter value is invalid: ${(err as Error).message}`);
      return null;
    }
    if (parsed.raw.length === 0) return apiError(res, 400, 'The batch has no ids'), null;
    if (parsed.raw.length > 100) return apiError(res, 400, `A batch may hold at most 100 entities (got ${parsed.raw.length})`), null;
    const canon = parsed.values.map(canonicalKey);
    if (new Set(canon).size !== canon.length) return apiError(res, 400, 'The same key appears twice in one batch'), null;
    return parsed;
  }

  function batchGet(r: ReadDeleteRequest, res: http.ServerResponse): void {
    if (r.resource !== 'candidates') return apiError(res, 405, `BATCH_GET is not supported on ${r.path} by this fake`);
    if (r.restliMethod && r.restliMethod.toLowerCase() !== 'batch_get') return apiError(res, 400, 'X-RestLi-Method must be batch_get for a batch GET');
    const parsed = ids(r, res);
    if (!parsed) return;
    const results: Record<string, unknown> = {};
    const errors: Record<string, unknown> = {};
    parsed.raw.forEach((raw, i) => {
      const problem = keyProblem(parsed.values[i], 'atsCandidateId');
      if (problem) {
        errors[raw] = { status: 400, message: problem };
        return;
      }
      const id = (parsed.values[i] as Record<string, string>).atsCandidateId;
      const stored = state.candidates.get(id);
      if (!stored) {
        errors[raw] = { status: 404, message: `Candidate ${id} was not found` };
        return;
      }
      results[raw] = { ...stored.entity, matchedMembers: matched(id, stored.entity) };
    });
    r.applied = true;
    json(res, 200, { results, statuses: {}, errors });
  }

  function batchDelete(r: ReadDeleteRequest, res: http.ServerResponse): void {
    if (r.restliMethod && r.restliMethod.toLowerCase() !== 'batch_delete') {
      return apiError(res, 400, 'X-RestLi-Method must be batch_delete for a batch DELETE');
    }
    let appId: string | null = null;
    if (r.resource === 'stages') {
      let parent: RestliValue;
      try {
        parent = parseRestli(STAGES_PATH.exec(r.path)![1]);
      } catch (err) {
        return apiError(res, 400, `The application key in the path is invalid: ${(err as Error).message}`);
      }
      const problem = keyProblem(parent, 'atsJobApplicationId');
      if (problem) return apiError(res, 400, `The application key in the path is invalid: ${problem}`);
      appId = (parent as Record<string, string>).atsJobApplicationId;
      if (!state.applications.has(appId)) return apiError(res, 404, `Application ${appId} was not found`);
    }
    const parsed = ids(r, res);
    if (!parsed) return;
    const resource = r.resource as 'candidates' | 'applications' | 'stages';
    const results: Record<string, unknown> = {};
    const errors: Record<string, unknown> = {};
    parsed.raw.forEach((raw, i) => {
      const value = parsed.values[i];
      let id: string;
      if (resource === 'stages') {
        if (typeof value !== 'string' || value === '') return void (errors[raw] = { status: 400, message: 'A stage key is a plain string id' });
        id = `${appId}/${value}`;
      } else {
        const idField = resource === 'candidates' ? 'atsCandidateId' : 'atsJobApplicationId';
        const problem = keyProblem(value, idField);
        if (problem) return void (errors[raw] = { status: 400, message: problem });
        id = (value as Record<string, string>)[idField];
      }
      const map = state[resource];
      if (!map.has(id)) return void (errors[raw] = { status: 404, message: `${resource} ${id} was not found` });
      const refusal = options.refuseDelete?.(resource, id) ?? null;
      if (refusal) return void (errors[raw] = refusal);
      map.delete(id);
      // Deleting an application deletes its stages too (Postman collection README).
      if (resource === 'applications') for (const k of [...state.stages.keys()]) if (k.startsWith(`${id}/`)) state.stages.delete(k);
      results[raw] = { status: 204 };
    });
    r.applied = true;
    json(res, 200, { results, errors });
  }

  return {
    /** A GET or DELETE of candidates, applications or stages: this module's to answer. */
    handles(r: ReadDeleteRequest): boolean {
      return ['candidates', 'applications', 'stages'].includes(r.resource) && (r.effectiveMethod === 'GET' || r.effectiveMethod === 'DELETE');
    },
    handle(r: ReadDeleteRequest, res: http.ServerResponse): void {
      if (r.effectiveMethod === 'GET') batchGet(r, res);
      else batchDelete(r, res);
    },
  };
}
