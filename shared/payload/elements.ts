import type { Category, FieldValues } from '../domain';
import { normalizeId } from '../values/ids';
import { BODY_FIELDS, JOB_OPERATION_TYPES, type JobOperationType } from './body-fields';
import { coerceValue } from './coerce';
import { payloadHash, type PayloadHasher } from './hash';
import type { JsonObject } from './json';
import type { ColumnFormats } from '../values/dates';
import { encodeComplexKey, encodeRestliPrimitive } from './restli-keys';

/** LinkedIn's dataProvider for every RSC key: the records come from an ATS. */
export const DATA_PROVIDER = 'ATS';

export interface PayloadRecord {
  category: Category;
  /** records.key: the record key as stored (stages: `${atsJobApplicationId}/${stageId}`). */
  key: string;
  values: FieldValues;
}

export interface PayloadContext {
  /** `urn:li:organization:…`: the integrationContext of candidates, applications and stages. */
  organizationUrn: string;
  /** How the compliance check reads dates for this record (workspace zone, chosen column formats). */
  timeZone?: string;
  columnFormats?: ColumnFormats;
  /** The job already exists on LinkedIn, so a send without an explicit operation type is an UPDATE. */
  previouslyCreated?: boolean;
  /** How `hash` is made from `hashText`; payloadHash when omitted. */
  hasher?: PayloadHasher;
}

export interface BuiltPayload {
  ok: true;
  category: Category;
  recordKey: string;
  /**
   * The entity's key in the request: the encoded Rest.li key (body `entities` key and response
   * `results`/`errors` key) for batch_update resources; the externalJobPostingId for jobs,
   * whose batch_create has no keys but must never carry one id twice.
   */
  entityKey: string;
  /** Stages: the encoded parent application key that goes in the path. */
  parentKey?: string;
  element: JsonObject;
  /** JSON.stringify(element), computed once: it is both hashed and spliced into the request body. */
  elementJson: string;
  /** The canonical text of what LinkedIn would store (key and element): what `hash` hashes. */
  hashText: string;
  /** Hash of hashText; a record is re-sent only when it changes. */
  hash: string;
}

export interface PayloadProblem {
  ok: false;
  category: Category;
  recordKey: string;
  problem: string;
}

export type PayloadResult = BuiltPayload | PayloadProblem;

/** Builds one record's request element for the unversioned /v2 RSC endpoints. */
export function buildPayload(record: PayloadRecord, context: PayloadContext): PayloadResult {
  const { category, key, values } = record;
  const hasher = context.hasher ?? payloadHash;
  const element = bodyOf(category, values, context);

  if (category === 'jobs') {
    const externalJobPostingId = normalizeId(values.externalJobPostingId ?? null) ?? key;
    element.externalJobPostingId = externalJobPostingId;
    const integrationContext = element.integrationContext ?? (context.organizationUrn || undefined);
    if (integrationContext === undefined) return problemOf(category, key, 'No integrationContext: set the organization URN in the sync settings.');
    element.integrationContext = integrationContext;
    if (element.location === undefined) {
      const postal = coerceValue('string', values.postalCode);
      const country = coerceValue('string', values.countryCode);
      if (postal !== undefined && country !== undefined) element.location = `${String(postal)}, ${String(country)}`;
    }
    const { operation, derived } = jobOperation(values, context.previouslyCreated ?? false);
    delete element.jobPostingOperationType;
    // The hash leaves out an operation type derived from history (CREATE on the first send,
    // UPDATE afterwards), or every job would look changed right after its first success.
    const hashText = JSON.stringify(ordered(derived ? element : { ...element, jobPostingOperationType: operation }));
    const final = ordered({ ...element, jobPostingOperationType: operation });
    return {
      ok: true, category, recordKey: key, entityKey: externalJobPostingId,
      element: final, elementJson: JSON.stringify(final), hashText, hash: hasher(hashText),
    };
  }

  if (!context.organizationUrn) return problemOf(category, key, 'No organization URN: set it in the sync settings.');
  const org = context.organizationUrn;

  if (category === 'stages') {
    const applicationId = normalizeId(values.atsJobApplicationId ?? null) ?? key.split('/')[0];
    const stageId =
      normalizeId(values.stageId ?? null) ??
      (key.startsWith(`${applicationId}/`) ? key.slice(applicationId.length + 1) : null);
    if (!applicationId) return problemOf(category, key, 'No atsJobApplicationId: the stage cannot be addressed.');
    if (!stageId) return problemOf(category, key, 'No stageId: the stage cannot be addressed.');
    const parentKey = compoundKey('atsJobApplicationId', applicationId, org);
    const entityKey = encodeRestliPrimitive(stageId);
    const elementJson = JSON.stringify(element);
    const hashText = `${parentKey}\u0000${entityKey}\u0000${elementJson}`;
    return { ok: true, category, recordKey: key, entityKey, parentKey, element, elementJson, hashText, hash: hasher(hashText) };
  }

  const keyField = category === 'candidates' ? 'atsCandidateId' : 'atsJobApplicationId';
  const id = normalizeId(values[keyField] ?? null) ?? (key || null);
  if (!id) return problemOf(category, key, `No ${keyField}: the record cannot be addressed.`);
  const entityKey = compoundKey(keyField, id, org);
  // Elements are built in BODY_FIELDS order (nested user JSON has sorted keys), so this text is canonical.
  const elementJson = JSON.stringify(element);
  const hashText = `${entityKey}\u0000${elementJson}`;
  return { ok: true, category, recordKey: key, entityKey, element, elementJson, hashText, hash: hasher(hashText) };
}

function problemOf(category: Category, key: string, problem: string): PayloadProblem {
  return { ok: false, category, recordKey: key, problem };
}

let cachedOrg = '';
let cachedTail = '';

/**
 * `(<idField>:<id>,dataProvider:ATS,integrationContext:<org>)`: encodeComplexKey's output (the id
 * fields sort before dataProvider), with the constant tail encoded once per organization.
 */
function compoundKey(idField: 'atsCandidateId' | 'atsJobApplicationId', id: string, org: string): string {
  if (org !== cachedOrg) {
    cachedOrg = org;
    cachedTail = encodeComplexKey({ a: '', dataProvider: DATA_PROVIDER, integrationContext: org }).slice("(a:'',".length);
  }
  return `(${idField}:${encodeRestliPrimitive(id)},${cachedTail}`;
}

function bodyOf(category: Category, values: FieldValues, context: PayloadContext): JsonObject {
  const element: JsonObject = {};
  const timeZone = context.timeZone ?? 'UTC';
  for (const field of BODY_FIELDS[category]) {
    const dates = field.kind === 'epochMs' ? { timeZone, format: context.columnFormats?.[field.name] } : undefined;
    const value = coerceValue(field.kind, values[field.name], dates);
    if (value !== undefined) element[field.name] = value;
    else if (field.emptyList) element[field.name] = [];
  }
  return element;
}

function jobOperation(values: FieldValues, previouslyCreated: boolean): { operation: JobOperationType; derived: boolean } {
  const explicit = String(values.jobPostingOperationType ?? '').trim().toUpperCase();
  if ((JOB_OPERATION_TYPES as readonly string[]).includes(explicit)) {
    return { operation: explicit as JobOperationType, derived: false };
  }
  // LinkedIn derives the job's state from the operation: a CLOSED job is sent as CLOSE.
  if (String(values.state ?? '').trim().toUpperCase() === 'CLOSED') return { operation: 'CLOSE', derived: false };
  return { operation: previouslyCreated ? 'UPDATE' : 'CREATE', derived: true };
}

/** Field order as in BODY_FIELDS, so logged requests read the same way every time. */
function ordered(element: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const field of BODY_FIELDS.jobs) if (element[field.name] !== undefined) out[field.name] = element[field.name];
  return out;
}
