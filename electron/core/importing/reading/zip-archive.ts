import type { Readable } from 'node:stream';
import yauzl from 'yauzl';

/**
 * A zip file read from its central directory, so its parts can be opened in any order and
 * each one is inflated by Node's zlib as it streams. Reading the central directory (rather than
 * the local headers front to back, as a streaming unzip does) is what the zip format intends and
 * what Excel itself does.
 */
export interface ZipArchive {
  has(name: string): boolean;
  names(): string[];
  /** The size a part declares it has once inflated (yauzl fails a stream that inflates past it). */
  size(name: string): number;
  open(name: string): Promise<Readable>;
  close(): void;
}

export async function openZip(path: string): Promise<ZipArchive> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, decodeStrings: true }, (err, z) => (err ? reject(err) : resolve(z)));
  });
  const entries = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        // Some writers store backslashes; the parts are always looked up with forward slashes.
        entries.set(entry.fileName.replace(/\\/g, '/').replace(/^\//, ''), entry);
        zip.readEntry();
      });
      zip.once('end', resolve);
      zip.once('error', reject);
      zip.readEntry();
    });
  } catch (err) {
    zip.close();
    throw err;
  }
  return {
    has: (name) => entries.has(name),
    names: () => [...entries.keys()],
    size: (name) => entries.get(name)?.uncompressedSize ?? 0,
    open: (name) =>
      new Promise<Readable>((resolve, reject) => {
        const entry = entries.get(name);
        if (!entry) {
          reject(new Error(`the archive has no part ${name}`));
          return;
        }
        zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)));
      }),
    close: () => zip.close(),
  };
}

/**
 * Decodes UTF-8 chunks into strings without breaking a character that straddles two chunks
 * (exceljs decodes each chunk on its own, which turns such a character into two U+FFFD).
 */
export async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (text !== '') yield text;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}
