import { createWriteStream, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage } from 'node:http';
import { MAX_FILE_BYTES } from '../importing/limits';

/** An upload refused for its size: the server answers 413. */
export class UploadTooLarge extends Error {
  constructor(limit: number) {
    super(`The file is larger than ${Math.round(limit / (1024 * 1024))} MB, the most an import can read.`);
  }
}

/**
 * The web harness's uploads folder: each browser upload lands in a folder of its own so the
 * backend can read it by path like the desktop app does. Nothing in it outlives its use: a broken
 * upload is deleted at once, an imported one once imported, and whatever is left from an earlier
 * run when the server starts.
 */
export class UploadStore {
  readonly root: string;

  constructor(
    dir: string,
    readonly maxBytes: number = MAX_FILE_BYTES,
  ) {
    this.root = resolve(dir);
    mkdirSync(this.root, { recursive: true });
  }

  /** Deletes every leftover upload (called at start, when no upload can be in use). */
  purge(): void {
    for (const entry of readdirSync(this.root)) rmSync(join(this.root, entry), { recursive: true, force: true });
  }

  /** Streams a request body to a new upload, stopping as soon as it passes the limit. */
  async receive(req: IncomingMessage, name: string): Promise<string> {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > this.maxBytes) throw new UploadTooLarge(this.maxBytes);
    const dir = join(this.root, randomBytes(6).toString('hex'));
    mkdirSync(dir, { recursive: true });
    const target = join(dir, safeUploadName(name));
    let seen = 0;
    const limit = this.maxBytes;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        done(seen > limit ? new UploadTooLarge(limit) : null, chunk);
      },
    });
    try {
      await pipeline(req, counter, createWriteStream(target));
      // An aborted request can end its stream without an error: a short body is not a file.
      if (req.complete === false || (Number.isFinite(declared) && seen !== declared)) throw new Error('The upload was interrupted.');
      return target;
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  /** Whether `path` lies inside the uploads folder. */
  contains(path: string): boolean {
    return resolve(path).startsWith(this.root + sep);
  }

  /** The upload's own folder (a child of the uploads folder) that holds `path`, if it is inside one. */
  folderOf(path: string): string | null {
    if (!this.contains(path)) return null;
    return join(this.root, relative(this.root, resolve(path)).split(sep)[0]);
  }

  /** Deletes the upload holding `path` (its own folder), if it is one. */
  discard(path: string): void {
    const dir = dirname(resolve(path));
    if (dirname(dir) === this.root) rmSync(dir, { recursive: true, force: true });
  }
}

export function safeUploadName(name: string): string {
  return basename(name).replace(/[^\w.\- ()]+/g, '_').replace(/^\.+/, '') || 'upload';
}
