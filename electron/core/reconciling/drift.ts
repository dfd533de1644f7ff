import type { DriftField } from '../../../shared/contract/reconcile';

/** Canonical JSON (object keys sorted), so a reordered object is not a difference. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .sort()
      .filter((k) => obj[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * For each field the app sent, what LinkedIn answers when it differs (or is left out). Fields
 * LinkedIn adds of its own (matchedMembers and the like) are not differences. An empty list sent
 * and the field left out of the answer are taken as the same: LinkedIn may drop empty lists.
 */
export function driftBetween(sent: Record<string, unknown>, linkedin: Record<string, unknown>): DriftField[] {
  const out: DriftField[] = [];
  for (const [field, value] of Object.entries(sent)) {
    const held = linkedin[field];
    if (held === undefined && Array.isArray(value) && value.length === 0) continue;
    if (held === undefined || canonical(held) !== canonical(value)) out.push({ field, sent: value, linkedin: held });
  }
  return out;
}
