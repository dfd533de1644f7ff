// JSON as LinkedIn receives it: the payload layer builds these, the HTTP layer serializes them.
export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * The same value with object keys sorted at every level, so that JSON.stringify of it is
 * canonical. Used on structures that come from user text (JSON in a cell), whose key order is
 * arbitrary; elements themselves are built in a fixed field order.
 */
export function sortKeysDeep(value: JsonValue): JsonValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  const out: JsonObject = {};
  for (const k of Object.keys(value).sort()) out[k] = sortKeysDeep(value[k]);
  return out;
}
