// Display formatting shared by the screens: numbers, durations, times in the workspace's zone, byte sizes.

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('en-US');
}

/** "850 ms", "12 s", "3 min 5 s", "1 h 20 min": precise enough to plan a sync around. */
export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A moment in the workspace's time zone ("2025-03-04 09:30:12"); an unknown zone falls back to UTC. */
export function dateTime(ms: number | null | undefined, timeZone = 'UTC'): string {
  if (ms === null || ms === undefined) return '—';
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
  } catch {
    return dateTime(ms, 'UTC');
  }
  const p = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** "1 row", "2 rows", "1,000 cells": a count with its noun, singular for one. */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? noun : many}`;
}

/** A date and time for a person, to the minute, in the workspace's zone ("2025-01-15 09:30"). */
export function shortDateTime(ms: number, timeZone = 'UTC'): string {
  return dateTime(ms, timeZone).slice(0, 16);
}

/** The path and query of a URL, which is what tells exchanges apart (the host is the same for all). */
export function endpoint(url: string): string {
  try {
    const u = new URL(url);
    return decodeURIComponentSafe(u.pathname + u.search);
  } catch {
    return url;
  }
}

/**
 * An endpoint cut where a narrow column may lose text: what leads to the last path segment, the
 * last segment itself (what the request is about, kept whole), and the query.
 */
export function endpointParts(url: string): { head: string; last: string; query: string } {
  const text = endpoint(url);
  const q = text.indexOf('?');
  const path = q === -1 ? text : text.slice(0, q);
  const query = q === -1 ? '' : text.slice(q);
  const cut = path.lastIndexOf('/') + 1;
  return { head: path.slice(0, cut), last: path.slice(cut), query };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function percent(done: number, total: number): number {
  return total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
}
