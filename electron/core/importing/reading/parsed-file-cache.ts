import type { Delimiter, TextEncoding } from '../../../../shared/contract/import';
import { readSpreadsheet, type ParsedFile } from './read-file';

/** How a file was read: the options the wizard or the import asked for (undefined: detected). */
export interface ReadChoice {
  encoding?: TextEncoding;
  delimiter?: Delimiter;
}

interface Kept {
  path: string;
  choice: ReadChoice;
  sha256: Promise<string | null>;
  file: ParsedFile;
  expiry: ReturnType<typeof setTimeout>;
}

/** A wizard left open this long has moved on: its file's rows are let go. */
const KEEP_MS = 10 * 60_000;
/**
 * Larger files are read again instead: their rows would hold hundreds of MB for as long as the
 * consultant spends on the mapping. 150 MB covers a 100,000-row × 30-column export several times.
 */
export const MAX_KEPT_FILE_BYTES = 150 * 1024 * 1024;

let kept: Kept | null = null;
let reuses = 0;

/**
 * The last file the import wizard inspected, whole (every sheet), kept for the import that
 * usually follows: reading a 100,000-row workbook takes seconds (~7 s for 30 columns), and
 * without this the wizard's import read it a second time. One file at most, its rows packed
 * outside the JS heap (RowArena): about as much as the file's text, a few times the size of a
 * compressed .xlsx (~50 MB for the 19 MB benchmark workbook). Dropped when the import takes it,
 * when another file is inspected, or after ten minutes.
 */
export function keepInspected(path: string, choice: ReadChoice, file: ParsedFile, sha256: Promise<string>): void {
  forgetInspected();
  if (file.size > MAX_KEPT_FILE_BYTES) return;
  const settled = sha256.catch(() => null);
  kept = { path, choice, sha256: settled, file, expiry: setTimeout(forgetInspected, KEEP_MS) };
  // A timer must not keep a CLI process (or a worker being closed) alive.
  kept.expiry.unref?.();
}

export function forgetInspected(): void {
  if (kept) clearTimeout(kept.expiry);
  kept = null;
}

/**
 * The kept read of `path`, when it was read the way this import asks and the file's bytes are
 * still those it was read from (same SHA-256); null otherwise, and the import reads the file.
 * Taken once: the import's own sheets and records are made from it, and it is let go.
 */
export async function takeInspected(path: string, choice: ReadChoice, sha256: Promise<string>): Promise<ParsedFile | null> {
  const candidate = kept;
  if (!candidate || candidate.path !== path || !sameChoice(candidate.choice, choice, candidate.file)) return null;
  forgetInspected();
  const [then, now] = await Promise.all([candidate.sha256, sha256.catch(() => null)]);
  if (then === null || then !== now) return null;
  reuses++;
  return candidate.file;
}

/**
 * The kept read of `path` for a look that stores nothing (the wizard's review of a mapping), left
 * kept for the import; a file not kept (too large, or inspected long ago) is read again.
 */
export async function inspectedOrRead(path: string, choice: ReadChoice): Promise<ParsedFile> {
  const candidate = kept;
  if (candidate && candidate.path === path && sameChoice(candidate.choice, choice, candidate.file)) return candidate.file;
  return readSpreadsheet(path, choice);
}

/** How many imports have used a kept read (for tests). */
export function inspectedReuses(): number {
  return reuses;
}

/**
 * An explicit choice matches a detected one it equals: the wizard sends back what it showed.
 * An import that leaves detection on matches only a read that did the same.
 */
function sameChoice(read: ReadChoice, wanted: ReadChoice, file: ParsedFile): boolean {
  const encoding = wanted.encoding === read.encoding || (wanted.encoding !== undefined && wanted.encoding === file.text?.encoding);
  const delimiter = wanted.delimiter === read.delimiter || (wanted.delimiter !== undefined && wanted.delimiter === file.text?.delimiter);
  return encoding && delimiter;
}
