import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { TextEncoding } from '../../../../shared/contract/import';

export interface DetectedEncoding {
  encoding: TextEncoding;
  bom: boolean;
}

/**
 * BOMs first; then UTF-16 without a BOM (NULs in every other byte of ASCII text); then UTF-8
 * if every byte sequence is valid UTF-8; otherwise Windows-1252, which is what Excel on
 * Windows writes when it saves "CSV" and what most older ATS exports use.
 */
export function detectEncoding(buf: Buffer): DetectedEncoding {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  const utf16 = utf16WithoutBom(buf);
  if (utf16) return { encoding: utf16, bom: false };
  return { encoding: isUtf8(buf) ? 'utf-8' : 'windows-1252', bom: false };
}

function utf16WithoutBom(buf: Buffer): TextEncoding | null {
  const n = Math.min(buf.length - (buf.length % 2), 4096);
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenNul++;
    if (buf[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** The file's text without its BOM, in the detected (or the consultant's chosen) encoding. */
export function decodeText(buf: Buffer, encoding: TextEncoding): string {
  switch (encoding) {
    case 'utf-8':
      return buf.toString('utf8', buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0);
    case 'utf-16le':
      return buf.toString('utf16le', buf[0] === 0xff && buf[1] === 0xfe ? 2 : 0);
    case 'utf-16be':
    case 'windows-1252':
      return iconv.decode(buf, encoding, { stripBOM: true });
  }
}
