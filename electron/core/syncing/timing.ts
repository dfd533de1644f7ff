/** Every delay and limit of the sync, injectable so tests run in milliseconds. */
export interface SyncTiming {
  /** A request with no complete response after this long counts as a timeout (and is retried). */
  requestTimeoutMs: number;
  /** 5xx / timeout / reset backoff: ≈1 s doubling to 10 s, with jitter, 5 tries in all. */
  retryInitialMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  /** 429 without Retry-After: back off from this, doubling to the cap. */
  rateLimitInitialMs: number;
  rateLimitMaxMs: number;
  /** Consecutive 429s for one request before the run stops as rate limited. */
  maxRateLimitRetries: number;
  /** A Retry-After longer than this stops the run instead of holding it (the daily limit, typically). */
  maxRetryAfterMs: number;
  /** Job tasks: first poll this long after the batch, then doubling to the cap. */
  taskFirstPollMs: number;
  taskPollMaxMs: number;
  /** How long the run waits for open tasks at its end before leaving them to the next sync. */
  taskWaitTimeoutMs: number;
  /** The dry run's estimate of one request's round trip. */
  estimatedRequestMs: number;
  /**
   * Batches on the wire at once. Two keep LinkedIn busy while the next request is built and the
   * last answer recorded, so the app's own work is hidden behind LinkedIn's; more would only
   * widen what a crash leaves unacknowledged (and resent), for no gain once LinkedIn is the wait.
   */
  requestsInFlight: number;
}

export const DEFAULT_TIMING: SyncTiming = {
  requestTimeoutMs: 30_000,
  retryInitialMs: 1_000,
  retryMaxMs: 10_000,
  maxAttempts: 5,
  rateLimitInitialMs: 2_000,
  rateLimitMaxMs: 60_000,
  maxRateLimitRetries: 8,
  maxRetryAfterMs: 15 * 60_000,
  taskFirstPollMs: 1_000,
  taskPollMaxMs: 30_000,
  taskWaitTimeoutMs: 10 * 60_000,
  estimatedRequestMs: 500,
  requestsInFlight: 2,
};

/** Time and randomness, injectable: tests use a virtual clock whose sleep only advances `now`. */
export interface SyncRuntime {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const REAL_RUNTIME: SyncRuntime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/** Exponential backoff with "equal jitter": half the step fixed, half random, so clients spread out. */
export function backoffDelay(failures: number, initialMs: number, maxMs: number, random: () => number): number {
  const step = Math.min(maxMs, initialMs * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** Retry-After as delta-seconds or an HTTP date, in ms from now; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | null {
  if (value === undefined || value.trim() === '') return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}
