/**
 * LinkedIn's Postman collection names `matchedMembers` (and `manualMatchedMember`) in the answer
 * of Retrieve Candidate Matches but documents no shape. Read here, and only here: a list of
 * Person URN strings, or of objects that carry one (under any field), is understood; anything
 * else is reported as unrecognized, with what could be read kept, and never fails the read.
 */

const PERSON_URN = /^urn:li:person:[A-Za-z0-9_-]+$/;
const MAX_SHOWN = 300;

export interface ParsedMembers {
  members: string[];
  /** The value (or the parts of it) not understood, as JSON text cut to 300 characters; null when all was. */
  unrecognized: string | null;
}

/** A Person URN carried by a string or by one of an object's fields (one level deep). */
export function personUrnOf(value: unknown): string | null {
  if (typeof value === 'string') return PERSON_URN.test(value.trim()) ? value.trim() : null;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const field of Object.values(value as Record<string, unknown>)) {
      if (typeof field === 'string' && PERSON_URN.test(field.trim())) return field.trim();
    }
  }
  return null;
}

function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}

export function parseMatchedMembers(value: unknown): ParsedMembers {
  if (value === undefined || value === null) return { members: [], unrecognized: null };
  if (!Array.isArray(value)) return { members: [], unrecognized: shown(value) };
  const members: string[] = [];
  const other: unknown[] = [];
  for (const item of value) {
    const urn = personUrnOf(item);
    if (urn === null) other.push(item);
    else if (!members.includes(urn)) members.push(urn);
  }
  return { members, unrecognized: other.length > 0 ? shown(other) : null };
}

/** manualMatchedMember: a Person URN (or an object carrying one); anything else is unrecognized. */
export function parseManualMatch(value: unknown): { member: string | null; unrecognized: string | null } {
  if (value === undefined || value === null || value === '') return { member: null, unrecognized: null };
  const urn = personUrnOf(value);
  return urn === null ? { member: null, unrecognized: shown(value) } : { member: urn, unrecognized: null };
}
