import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** The file's SHA-256 (hex), streamed: what source_files.sha256 records, and how a kept read is matched to its file. */
export function fileSha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path, { highWaterMark: 1024 * 1024 })
      .on('data', (chunk) => h.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}
