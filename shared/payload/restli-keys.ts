/**
 * Rest.li protocol 2.0.0 key encoding, the one convention used for every RSC endpoint.
 *
 * Why 2.0.0 and not the 1.0 `ids[0].field=…` syntax the RSC pages show: LinkedIn's own clients
 * (linkedin-api-js-client, the Java SDK) always send 2.0.0, the versioned `/rest` API requires
 * it, and 2.0's keys are one self-delimiting token per entity, so the URL key, the body's
 * `entities` key and the response's `results`/`errors` keys are the *same string*: results map
 * back to records by plain string equality, with no re-parsing.
 *
 * Encoding follows linkedin-api-js-client's `encode`: each primitive is URL-encoded
 * (encodeURIComponent), then the Rest.li delimiters that encodeURIComponent leaves alone
 * (`'`, `(`, `)`) are percent-encoded too, so a URN becomes `urn%3Ali%3Aorganization%3A123`
 * and a value can never break the `(k:v,…)` / `List(…)` structure. An empty string is `''`.
 * Complex keys list their fields sorted by name, which is Rest.li's canonical order and makes
 * the encoding deterministic (the payload hash depends on it).
 */

export const RESTLI_PROTOCOL_VERSION = '2.0.0';

const SAFE = /^[A-Za-z0-9_.~-]+$/;

export function encodeRestliPrimitive(value: string | number | boolean): string {
  const text = String(value);
  if (text === '') return "''";
  // Most ids need no escaping at all; skip the two passes for them (this runs once per record).
  if (SAFE.test(text)) return text;
  return encodeURIComponent(text).replace(/['()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `(field:value,…)` with fields in name order. */
export function encodeComplexKey(key: Readonly<Record<string, string>>): string {
  const parts = Object.keys(key)
    .sort()
    .map((field) => `${encodeRestliPrimitive(field)}:${encodeRestliPrimitive(key[field])}`);
  return `(${parts.join(',')})`;
}

/** `List(a,b,…)` from already-encoded items. */
export function encodeList(encodedItems: readonly string[]): string {
  return `List(${encodedItems.join(',')})`;
}

/** The `ids=List(…)` query parameter of a batch method. */
export function idsQuery(encodedKeys: readonly string[]): string {
  return `ids=${encodeList(encodedKeys)}`;
}
