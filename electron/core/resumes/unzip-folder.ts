import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, normalize, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { MAX_RESUME_BYTES } from './file-type';

export interface UnzipLimits {
  /** An entry larger than this, declared or as it inflates, is not unpacked. */
  entryBytes: number;
  /** All unpacked entries together; past it the archive is refused. */
  totalBytes: number;
  /** Entries in the central directory; past it the archive is refused before anything is unpacked. */
  entries: number;
}

// 20,000 resumes at LinkedIn's 10 MB ceiling would be 200 GB; a real export averages well under 1 MB a file.
export const UNZIP_LIMITS: UnzipLimits = { entryBytes: MAX_RESUME_BYTES, totalBytes: 2 * 1024 ** 3, entries: 20_000 };

/** What LinkedIn's resume upload takes; nothing else is unpacked. */
const RESUME_EXTENSIONS = new Set(['.pdf', '.doc', '.docx', '.txt']);

/** An entry of the archive that was not unpacked, and why (in the report's words). */
export interface RefusedEntry {
  relativePath: string;
  reason: string;
}

export interface UnzippedResumes {
  folder: string;
  refused: RefusedEntry[];
}

export interface UnzipOptions {
  limits?: Partial<UnzipLimits>;
  /** Called between entries; throws to stop (the job's cancellation). */
  checkCancelled?: () => void;
}

const MB = 1024 * 1024;
const megabytes = (n: number) => (n < MB ? `${Math.ceil(n / 1024)} KB` : `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`);

class EntryTooLarge extends Error {}

/** Passes bytes on until `limit` is passed, then fails: the entry stops inflating there. */
function byteLimit(limit: number, counted: (n: number) => void): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      counted(chunk.length);
      if (seen > limit) done(new EntryTooLarge());
      else done(null, chunk);
    },
  });
}

async function fileDigest(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 12);
}

function openArchive(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings off: yauzl fails the whole archive on a name like "../x"; such an entry is skipped here instead.
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (err, z) =>
      err ? reject(err) : resolve(z),
    );
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
}

/**
 * Unpacks a .zip of resumes into a folder kept beside the workspace (the sync reads the files again when it uploads
 * them, so they must outlive this call). The same archive unpacks to the same folder. Read from the central
 * directory and inflated a stream at a time: only resume files are unpacked, an entry past 10 MB (declared, or as
 * it inflates) is refused and its part deleted, and an archive with too many entries or too many bytes in all is
 * refused whole, its folder deleted. Entries that would land outside the folder (absolute paths, "..") are skipped.
 */
export async function unzipResumes(zipPath: string, workspacePath: string, options: UnzipOptions = {}): Promise<UnzippedResumes> {
  const limits = { ...UNZIP_LIMITS, ...options.limits };
  const archiveName = basename(zipPath);
  const target = join(`${workspacePath}-resumes`, `${archiveName.replace(/\.zip$/i, '')}-${await fileDigest(zipPath)}`);
  const marker = join(target, '.complete');
  if (existsSync(marker)) return { folder: target, refused: readMarker(marker) };

  let zip: yauzl.ZipFile;
  try {
    zip = await openArchive(zipPath);
  } catch {
    throw new Error(`"${archiveName}" is not a readable zip archive.`);
  }
  const refused: RefusedEntry[] = [];
  try {
    if (zip.entryCount > limits.entries) {
      throw new Error(`"${archiveName}" holds ${zip.entryCount.toLocaleString('en-US')} entries; at most ${limits.entries.toLocaleString('en-US')} are unpacked.`);
    }
    // What an interrupted unpack left (no marker) is started again from nothing.
    rmSync(target, { recursive: true, force: true });
    mkdirSync(target, { recursive: true });
    let total = 0;
    const overTotal = () =>
      new Error(`"${archiveName}" unpacks to more than ${megabytes(limits.totalBytes)} of resumes; split it, or unpack it and attach the folder.`);
    for await (const entry of entriesOf(zip, archiveName)) {
      options.checkCancelled?.();
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false);
      if (name.endsWith('/')) continue;
      const rel = normalize(name).replace(/^([/\\])+/, '');
      const shown = rel.split(sep).join('/');
      if (/^[a-zA-Z]:/.test(rel) || rel === '..' || rel.startsWith(`..${sep}`) || rel.includes(`${sep}..${sep}`)) {
        refused.push({ relativePath: name, reason: 'Its path leads outside the archive: not unpacked.' });
        continue;
      }
      // Hidden files and macOS's resource forks: a folder scan skips them too.
      if (shown.split('/').some((part) => part.startsWith('.') || part === '__MACOSX')) continue;
      if (!RESUME_EXTENSIONS.has(extname(rel).toLowerCase())) {
        refused.push({ relativePath: shown, reason: 'Not a .pdf, .doc, .docx or .txt file: not unpacked.' });
        continue;
      }
      if (entry.isEncrypted()) {
        refused.push({ relativePath: shown, reason: 'Encrypted in the archive: not unpacked.' });
        continue;
      }
      if (entry.uncompressedSize > limits.entryBytes) {
        refused.push({ relativePath: shown, reason: `${megabytes(entry.uncompressedSize)} unpacked is over LinkedIn's 10 MB limit: not unpacked.` });
        continue;
      }
      if (total + entry.uncompressedSize > limits.totalBytes) throw overTotal();
      const out = join(target, rel);
      try {
        mkdirSync(dirname(out), { recursive: true });
        await pipeline(await openEntry(zip, entry), byteLimit(limits.entryBytes, (n) => (total += n)), createWriteStream(out));
      } catch (err) {
        try {
          rmSync(out, { force: true });
        } catch {
          // A folder of that name (another entry's): nothing of this entry was written.
        }
        const message = (err as Error).message;
        const reason =
          err instanceof EntryTooLarge
            ? `Over LinkedIn's 10 MB limit once unpacked (the archive said ${megabytes(entry.uncompressedSize)}): not unpacked.`
            : /too many bytes/i.test(message)
              ? `Larger once unpacked than the archive says (${megabytes(entry.uncompressedSize)}): not unpacked.`
              : `Could not be unpacked (${message}).`;
        refused.push({ relativePath: shown, reason });
      }
      if (total > limits.totalBytes) throw overTotal();
    }
    // Written last: a crash mid-unpack leaves no marker, so the next attach unpacks again.
    writeFileSync(marker, JSON.stringify(refused));
    return { folder: target, refused };
  } catch (err) {
    rmSync(target, { recursive: true, force: true });
    throw err;
  } finally {
    zip.close();
  }
}

/** The central directory's entries, one at a time (the next is read once the last is handled). */
async function* entriesOf(zip: yauzl.ZipFile, archiveName: string): AsyncGenerator<yauzl.Entry> {
  // An error between two reads must not go unheard (an 'error' without a listener ends the process).
  let failed: Error | null = null;
  zip.on('error', (e: Error) => (failed ??= e));
  for (;;) {
    if (failed) throw damaged(archiveName, failed);
    const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
      const onEntry = (e: yauzl.Entry) => settle(() => resolve(e));
      const onEnd = () => settle(() => resolve(null));
      const onError = (e: Error) => settle(() => reject(damaged(archiveName, e)));
      const settle = (then: () => void) => {
        zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
        then();
      };
      zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
      zip.readEntry();
    });
    if (!entry) return;
    yield entry;
  }
}

function damaged(archiveName: string, err: Error): Error {
  return new Error(`"${archiveName}" is damaged: ${err.message}.`);
}

function readMarker(marker: string): RefusedEntry[] {
  try {
    const parsed: unknown = JSON.parse(readFileSync(marker, 'utf8'));
    return Array.isArray(parsed) ? (parsed as RefusedEntry[]) : [];
  } catch {
    // An earlier version's empty marker.
    return [];
  }
}
