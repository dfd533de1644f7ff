import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import iconv from 'iconv-lite';
import type { TextEncoding } from '../../../../shared/contract/import';

const READ_BYTES = 1024 * 1024;
/** What the encoding and the delimiter are told from: a file's first bytes. */
export const HEAD_BYTES = 64 * 1024;

/** A text file's first bytes (all of it when smaller). */
export function fileHead(path: string, bytes = HEAD_BYTES): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(bytes);
    let n = 0;
    while (n < bytes) {
      const got = readSync(fd, buf, n, bytes - n, n);
      if (got === 0) break;
      n += got;
    }
    return n < bytes ? buf.subarray(0, n) : buf.subarray(0, n - cutCharacter(buf.subarray(0, n)));
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 was detected from the first bytes, and a later byte is not UTF-8: the file is read again as Windows-1252. */
export class NotUtf8After extends Error {
  constructor() {
    super('the file is not UTF-8 past its first bytes');
  }
}

/**
 * The file's text a megabyte at a time, without its BOM, never held whole. `strictUtf8`: UTF-8
 * that was only detected (from the first bytes) must hold to the end, or NotUtf8After is thrown;
 * UTF-8 the consultant chose is read with replacement characters, as a whole read would.
 * `onChunk` sees each chunk before it is parsed, with the bytes read so far.
 */
export async function* fileText(
  path: string,
  encoding: TextEncoding,
  strictUtf8: boolean,
  onChunk: (text: string, bytesRead: number) => void,
): AsyncGenerator<string> {
  const decode = decoder(encoding, strictUtf8);
  let first = true;
  let bytesRead = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: READ_BYTES }) as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    let text = decode.write(chunk);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text) {
      onChunk(text, bytesRead);
      yield text;
    }
  }
  let rest = decode.end();
  if (first && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1);
  if (rest) {
    onChunk(rest, bytesRead);
    yield rest;
  }
}

interface TextDecoderish {
  write(bytes: Buffer): string;
  end(): string;
}

/** A decoder that keeps a character cut between two chunks for the next. */
function decoder(encoding: TextEncoding, strictUtf8: boolean): TextDecoderish {
  if (encoding === 'utf-8' && !strictUtf8) {
    const lenient = new StringDecoder('utf8');
    return { write: (b) => lenient.write(b), end: () => lenient.end() };
  }
  if (encoding === 'utf-8') {
    // The BOM is kept here and dropped by fileText, as decodeText drops it (only at the start).
    const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const wrap = <T>(f: () => T): T => {
      try {
        return f();
      } catch (err) {
        if (err instanceof TypeError) throw new NotUtf8After();
        throw err;
      }
    };
    return { write: (b) => wrap(() => utf8.decode(b, { stream: true })), end: () => wrap(() => utf8.decode()) };
  }
  const d = iconv.getDecoder(encoding, { stripBOM: false });
  return { write: (b) => d.write(b), end: () => d.end() ?? '' };
}

/** Bytes at the end of `buf` that begin a UTF-8 character it cuts off (0 when none): they would make valid UTF-8 look invalid. */
function cutCharacter(buf: Buffer): number {
  for (let back = 1; back <= Math.min(4, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte
    const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needs > back ? back : 0;
  }
  return 0;
}
