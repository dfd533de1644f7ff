import type { Issue } from '../../../shared/domain';
import { CATEGORY_ORDER, type ScannedRecord } from './scan-record';

/**
 * The records' id span cut into chunks of `width` ids: chunk k holds the ids in
 * (firstId - 1 + k·width, firstId - 1 + (k+1)·width]. The check and its helper thread take the
 * next chunk whenever they are free (helper-thread.ts), so each does as much as its speed allows
 * whatever the records weigh (a job's description makes it several times heavier than a stage),
 * and the chunks come out nearly in order for the check to settle.
 */
export interface ScanChunks {
  firstId: number;
  width: number;
  count: number;
}

export function chunkRange(chunks: ScanChunks, k: number): { afterId: number; lastId: number } {
  const afterId = chunks.firstId - 1 + k * chunks.width;
  return { afterId, lastId: afterId + chunks.width };
}

/** What a full check hands the helper thread's scan task (scan-task.ts). */
export interface ScanTaskData {
  chunks: ScanChunks;
  timeZone: string;
  now: number;
}

/**
 * A chunk of verdicts as sent between threads. Cloning one object per record cost the check's
 * thread more than a microsecond each (200,000 records: ~250 ms); numbers in a transferred
 * buffer, strings in one JSON text and only the changed results as objects cost a fraction.
 */
export interface EncodedChunk {
  /** Per record: id, then flags (category index, key moved, excluded, changed). */
  numbers: Float64Array;
  /** JSON array, per record: key, parentRef, candidateRef. */
  strings: string;
  /** The changed results, in record order: [sheetId, storedHash, hash, issues]. */
  changed: [sheetId: number | null, storedHash: string | null, hash: string, issues: Issue[]][];
}

const KEY_MOVED = 4;
const EXCLUDED = 8;
const CHANGED = 16;

export function encodeChunk(records: readonly ScannedRecord[]): EncodedChunk {
  const numbers = new Float64Array(records.length * 2);
  const strings: (string | null)[] = [];
  const changed: EncodedChunk['changed'] = [];
  records.forEach((r, i) => {
    numbers[i * 2] = r.id;
    numbers[i * 2 + 1] =
      CATEGORY_ORDER.indexOf(r.category) | (r.keyMoved ? KEY_MOVED : 0) | (r.excluded ? EXCLUDED : 0) | (r.changed ? CHANGED : 0);
    strings.push(r.key, r.parentRef, r.candidateRef);
    if (r.changed) changed.push([r.sheetId, r.storedHash, r.changed.hash, r.changed.issues]);
  });
  return { numbers, strings: JSON.stringify(strings), changed };
}

/**
 * Hands each verdict of a chunk to `visit`, in order. The record object is reused from one call
 * to the next (200,000 short-lived objects were most of the decoding's cost): copy what you keep.
 */
export function decodeChunk(chunk: EncodedChunk, visit: (record: Readonly<ScannedRecord>) => void): void {
  const { numbers, changed } = chunk;
  const strings = JSON.parse(chunk.strings) as (string | null)[];
  const r: ScannedRecord = {
    id: 0, category: 'jobs', key: null, parentRef: null, candidateRef: null, keyMoved: false, excluded: false,
    sheetId: null, storedHash: null, changed: null,
  };
  let next = 0;
  for (let i = 0; i * 2 < numbers.length; i++) {
    const flags = numbers[i * 2 + 1];
    const result = flags & CHANGED ? changed[next++] : null;
    r.id = numbers[i * 2];
    r.category = CATEGORY_ORDER[flags & 3];
    r.key = strings[i * 3];
    r.parentRef = strings[i * 3 + 1];
    r.candidateRef = strings[i * 3 + 2];
    r.keyMoved = (flags & KEY_MOVED) !== 0;
    r.excluded = (flags & EXCLUDED) !== 0;
    // Only the changed ones are written, and only they need these.
    r.sheetId = result ? result[0] : null;
    r.storedHash = result ? result[1] : null;
    r.changed = result ? { hash: result[2], issues: result[3] } : null;
    visit(r);
  }
}
