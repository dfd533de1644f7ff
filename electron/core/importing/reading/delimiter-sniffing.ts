import type { Delimiter } from '../../../../shared/contract/import';
import { DELIMITERS } from '../../../../shared/contract/import';

const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_RECORDS = 40;

/**
 * Picks the delimiter that splits the first records into the same number of fields most
 * consistently. Counting happens outside quotes, so "Smith, John" does not vote for the comma.
 * Title lines above the header have fewer fields; consistency over many lines outvotes them.
 */
export function sniffDelimiter(text: string): Delimiter {
  const records = sampleRecords(text.slice(0, SAMPLE_CHARS));
  let best: Delimiter = ',';
  let bestScore = 0;
  for (const delimiter of DELIMITERS) {
    const counts = records.map((r) => countOutsideQuotes(r, delimiter));
    const nonZero = counts.filter((c) => c > 0);
    if (nonZero.length === 0) continue;
    const mode = modeOf(nonZero);
    const consistent = counts.filter((c) => c === mode).length;
    // Consistency matters most; among equally consistent delimiters, more fields wins.
    const score = consistent * 1000 + mode;
    if (score > bestScore) {
      bestScore = score;
      best = delimiter;
    }
  }
  return best;
}

/** Splits into records at line breaks outside quotes. */
function sampleRecords(text: string): string[] {
  const records: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < text.length && records.length < SAMPLE_RECORDS; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) inQuotes = !inQuotes;
    else if ((ch === 10 || ch === 13) && !inQuotes) {
      if (i > start) records.push(text.slice(start, i));
      start = i + 1;
    }
  }
  // The last sample line may be cut by the sample size: only use it when it is the whole file.
  if (records.length < SAMPLE_RECORDS && start < text.length && text.length < SAMPLE_CHARS) records.push(text.slice(start));
  return records.filter((r) => r.trim() !== '');
}

function countOutsideQuotes(line: string, delimiter: string): number {
  const d = delimiter.charCodeAt(0);
  let n = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch === 34) inQuotes = !inQuotes;
    else if (ch === d && !inQuotes) n++;
  }
  return n;
}

function modeOf(values: number[]): number {
  const freq = new Map<number, number>();
  let mode = values[0];
  let best = 0;
  for (const v of values) {
    const f = (freq.get(v) ?? 0) + 1;
    freq.set(v, f);
    if (f > best || (f === best && v > mode)) {
      best = f;
      mode = v;
    }
  }
  return mode;
}
