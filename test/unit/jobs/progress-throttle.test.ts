import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttleProgress } from '../../../electron/core/jobs/progress-throttle';

/** A throttle over a 50 ms window, and what it has delivered as "done/total message". */
function throttled() {
  const seen: string[] = [];
  const p = throttleProgress((done, total, message) => seen.push(`${done}/${total} ${message}`), 50, () => Date.now());
  return { seen, p };
}

describe('a job\'s progress reports', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('go out at most once a window, the latest of a burst at the window\'s end', () => {
    const { seen, p } = throttled();
    p.report(0, 10, 'a');
    p.report(1, 10, 'b');
    p.report(2, 10, 'c');
    expect(seen).toEqual(['0/10 a']);
    vi.advanceTimersByTime(49);
    expect(seen).toEqual(['0/10 a']);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(['0/10 a', '2/10 c']);
    // The job then waits (pacing, polling): nothing more, and the UI shows its latest state.
    vi.advanceTimersByTime(1_000);
    expect(seen).toEqual(['0/10 a', '2/10 c']);
    p.report(3, 10, 'd');
    expect(seen.at(-1)).toBe('3/10 d');
  });

  it('delivers the final report at once, and nothing the job reported before it afterwards', () => {
    const { seen, p } = throttled();
    p.report(0, 10, 'a');
    p.report(5, 10, 'b');
    p.report(10, 10, 'done');
    vi.advanceTimersByTime(100);
    expect(seen).toEqual(['0/10 a', '10/10 done']);
  });

  it('drops a waiting report once the job has ended', () => {
    const { seen, p } = throttled();
    p.report(0, 10, 'a');
    p.report(5, 10, 'b');
    p.dispose();
    vi.advanceTimersByTime(100);
    expect(seen).toEqual(['0/10 a']);
  });
});
