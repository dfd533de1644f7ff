import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMING, backoffDelay, parseRetryAfter } from '../../../electron/core/syncing/timing';
import { Pacer } from '../../../electron/core/syncing/pacer';

describe('retry backoff', () => {
  it('starts near one second and doubles to a ten-second cap', () => {
    const { retryInitialMs: a, retryMaxMs: b } = DEFAULT_TIMING;
    const top = (n: number) => backoffDelay(n, a, b, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(top)).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('jitters between half and all of each step', () => {
    expect(backoffDelay(3, 1000, 10000, () => 0)).toBe(2000);
    expect(backoffDelay(3, 1000, 10000, () => 0.5)).toBe(3000);
  });
});

describe('Retry-After', () => {
  it('reads delta seconds and HTTP dates', () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:30 GMT', now)).toBe(30_000);
  });

  it('is ignored when absent or unreadable', () => {
    expect(parseRetryAfter(undefined, 0)).toBeNull();
    expect(parseRetryAfter('soon', 0)).toBeNull();
  });
});

describe('the records-per-minute pacer', () => {
  it('lets records through until the minute is full, then waits for the oldest to age out', () => {
    const pacer = new Pacer(250);
    expect(pacer.delayFor(100, 0)).toBe(0);
    pacer.record(100, 0);
    pacer.record(100, 10_000);
    expect(pacer.delayFor(50, 20_000)).toBe(0);
    pacer.record(50, 20_000);
    expect(pacer.delayFor(100, 30_000)).toBe(30_000);
    expect(pacer.delayFor(100, 60_000)).toBe(0);
    expect(pacer.recordsInWindow(60_000)).toBe(150);
  });

  it('lets a batch larger than the limit through once the window is empty', () => {
    const pacer = new Pacer(10);
    expect(pacer.delayFor(100, 0)).toBe(0);
  });
});
