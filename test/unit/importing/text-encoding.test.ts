import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeText, detectEncoding } from '../../../electron/core/importing/reading/text-encoding';

const TEXT = 'Job ID,Title\n1,Développeur Senior – Zürich\n';

describe('text encoding detection', () => {
  it('reads UTF-8 without a BOM', () => {
    const buf = Buffer.from(TEXT, 'utf8');
    expect(detectEncoding(buf)).toEqual({ encoding: 'utf-8', bom: false });
    expect(decodeText(buf, 'utf-8')).toBe(TEXT);
  });

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')]);
    expect(detectEncoding(buf)).toEqual({ encoding: 'utf-8', bom: true });
    expect(decodeText(buf, 'utf-8')).toBe(TEXT);
  });

  it('reads UTF-16 little-endian with a BOM', () => {
    const buf = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    expect(detectEncoding(buf)).toEqual({ encoding: 'utf-16le', bom: true });
    expect(decodeText(buf, 'utf-16le')).toBe(TEXT);
  });

  it('reads UTF-16 big-endian with a BOM', () => {
    const buf = iconv.encode(TEXT, 'utf-16be', { addBOM: true });
    expect(buf[0]).toBe(0xfe);
    expect(detectEncoding(buf)).toEqual({ encoding: 'utf-16be', bom: true });
    expect(decodeText(buf, 'utf-16be')).toBe(TEXT);
  });

  it('recognises UTF-16 without a BOM from the zero bytes of ASCII text', () => {
    expect(detectEncoding(Buffer.from(TEXT, 'utf16le')).encoding).toBe('utf-16le');
    expect(detectEncoding(iconv.encode(TEXT, 'utf-16be')).encoding).toBe('utf-16be');
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8', () => {
    const buf = iconv.encode(TEXT, 'windows-1252');
    expect(detectEncoding(buf)).toEqual({ encoding: 'windows-1252', bom: false });
    expect(decodeText(buf, 'windows-1252')).toBe(TEXT);
  });
});
