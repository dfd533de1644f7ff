import { RESOURCE_PATHS, type RestliRequest } from './requests';
import { idsQuery } from './restli-keys';

/**
 * BATCH_GET and BATCH_DELETE of the records the sync sent, keyed exactly as the sync keyed them
 * (the encoded strings of `BuiltPayload.entityKey` / `parentKey`), so answers map back by string
 * equality as the sync's do. Source: LinkedIn's RSC Postman collection ("Sync Candidates -
 * Retrieve Candidate Matches"; the DELETE requests of candidates, applications and stages).
 * Whether the query string is tunnelled is toWire's decision, as for every other request.
 */

/** `GET /v2/atsCandidates?ids=List(…)`: each candidate as LinkedIn holds it, with its member matches. */
export function candidatesBatchGet(entityKeys: readonly string[]): RestliRequest {
  return { method: 'GET', restliMethod: 'batch_get', path: RESOURCE_PATHS.candidates, query: idsQuery(entityKeys), body: null };
}

/** `DELETE /v2/atsCandidates?ids=…` or `/v2/atsApplications?ids=…`. */
export function entitiesBatchDelete(resource: 'candidates' | 'applications', entityKeys: readonly string[]): RestliRequest {
  return { method: 'DELETE', restliMethod: 'batch_delete', path: RESOURCE_PATHS[resource], query: idsQuery(entityKeys), body: null };
}

/** `DELETE /v2/atsApplications/{key}/stages?ids=…`: one application's stages. */
export function stagesBatchDelete(parentKey: string, stageKeys: readonly string[]): RestliRequest {
  return {
    method: 'DELETE',
    restliMethod: 'batch_delete',
    path: `${RESOURCE_PATHS.applications}/${parentKey}/stages`,
    query: idsQuery(stageKeys),
    body: null,
  };
}
