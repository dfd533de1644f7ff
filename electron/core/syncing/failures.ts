import type { FailureKind, SyncFailureInfo } from '../../../shared/contract/sync';

const HINTS: Record<FailureKind, string> = {
  bad_credentials:
    "Check the customer application's client id and secret (the child app provisioned for this customer, not the partner app). Tokens are refreshed automatically.",
  missing_permission:
    'The application is not allowed to do this: ask LinkedIn to enable Recruiter System Connect (and client-credentials tokens) for it, and check the organization URN and contract.',
  validation:
    'Fix the records LinkedIn rejected (its message says which field) and sync again; unchanged rejected records are not resent.',
  rate_limited:
    'LinkedIn is limiting requests (100,000 per day, 10,000 records per minute). Run the sync again later: records already sent are not resent.',
  unavailable:
    'LinkedIn did not answer successfully after several retries. Try again later: records already sent are not resent.',
  network:
    'LinkedIn could not be reached (timeouts or dropped connections). Check the network and the API base URL, then run the sync again.',
  configuration: 'Check the sync settings (organization URN, API and OAuth base URLs).',
};

export function hintFor(kind: FailureKind): string {
  return HINTS[kind];
}

/** A failure that stops the run (as opposed to per-record rejections, which never throw). */
export class SyncFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status?: number,
    readonly exchangeId?: number,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }

  info(): SyncFailureInfo {
    return { kind: this.kind, message: this.message, hint: hintFor(this.kind), ...(this.status ? { status: this.status } : {}) };
  }
}

/** Raised between batches or during a wait when the user cancels. */
export class SyncCancelled extends Error {
  constructor() {
    super('The sync was cancelled.');
    this.name = 'SyncCancelled';
  }
}

/** The message LinkedIn put in an error body (`message`, OAuth's `error_description`), or a fallback. */
export function messageOf(body: string, fallback: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error_description?: unknown; error?: unknown };
    if (typeof parsed.message === 'string' && parsed.message) return parsed.message;
    if (typeof parsed.error_description === 'string' && parsed.error_description) return parsed.error_description;
    if (typeof parsed.error === 'string' && parsed.error) return parsed.error;
  } catch {
    // Not JSON: an HTML error page from a proxy, or empty.
  }
  const text = body.trim();
  return text && text.length < 300 && !text.startsWith('<') ? text : fallback;
}

/**
 * The failure a whole-request (top-level) error status stands for. 401 and 429 and 5xx are
 * handled by the client's retry loop before they get here.
 */
export function classifyStatus(status: number, body: string): SyncFailure {
  const message = messageOf(body, `HTTP ${status}`);
  if (status === 401) return new SyncFailure('bad_credentials', `LinkedIn refused the access token: ${message}`, status);
  if (status === 402) {
    return new SyncFailure('missing_permission', `LinkedIn refused for lack of job slots or budget: ${message}`, status);
  }
  if (status === 403) return new SyncFailure('missing_permission', `LinkedIn refused the request (403): ${message}`, status);
  if (status === 404) {
    return new SyncFailure('configuration', `LinkedIn does not know this endpoint (404): ${message}. Check the API base URL.`, status);
  }
  if (status === 429) return new SyncFailure('rate_limited', `LinkedIn kept answering 429 (too many requests): ${message}`, status);
  if (status >= 500) return new SyncFailure('unavailable', `LinkedIn answered ${status}: ${message}`, status);
  return new SyncFailure('validation', `LinkedIn rejected the request (${status}): ${message}`, status);
}
