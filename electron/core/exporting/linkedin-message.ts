import { redactText } from './redact';

const MAX_MESSAGES = 3;
/** Bodies past this size are not parsed for a message: the log column stays a summary. */
const MAX_PARSED_BODY = 2_000_000;

/**
 * LinkedIn's own words about a failed exchange, from the shapes its APIs use: a top-level
 * `message`, Rest.li batch `errors.<key>.message`, batch_create `elements[i].error.message`,
 * and task results' `errorMessage` (a FAILED task still comes back as HTTP 200).
 */
export function linkedinMessage(storedError: string | null, responseBody: string | null): string {
  if (storedError) return redactText(storedError);
  if (!responseBody || responseBody.length > MAX_PARSED_BODY) return '';
  let body: unknown;
  try {
    body = JSON.parse(responseBody);
  } catch {
    return '';
  }
  if (!body || typeof body !== 'object') return '';
  const messages: string[] = [];
  const add = (m: unknown, key?: string) => {
    if (typeof m === 'string' && m.trim() !== '') messages.push(key ? `${key}: ${m}` : m);
  };
  const b = body as Record<string, unknown>;
  add(b.message);
  add(errorObject(b.error));
  if (b.errors && typeof b.errors === 'object') {
    for (const [key, e] of Object.entries(b.errors as Record<string, unknown>)) add(errorObject(e), key);
  }
  if (Array.isArray(b.elements)) {
    b.elements.forEach((e, i) => {
      if (e && typeof e === 'object') add(errorObject((e as Record<string, unknown>).error), `#${i + 1}`);
    });
  }
  if (b.results && typeof b.results === 'object') {
    for (const [key, r] of Object.entries(b.results as Record<string, unknown>)) {
      if (r && typeof r === 'object') add((r as Record<string, unknown>).errorMessage, key);
    }
  }
  if (messages.length === 0) return '';
  const shown = messages.slice(0, MAX_MESSAGES).join('; ');
  const more = messages.length - MAX_MESSAGES;
  return redactText(more > 0 ? `${shown}; and ${more} more` : shown);
}

function errorObject(e: unknown): unknown {
  if (e && typeof e === 'object') return (e as Record<string, unknown>).message;
  return undefined;
}
