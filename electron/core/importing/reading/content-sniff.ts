import { extname } from 'node:path';
import { importFailure } from '../import-failure';

/**
 * Files that are plainly not spreadsheets whatever their name says: a PDF named .csv would
 * otherwise be read as text and previewed as a table of garbage. Each is told by its first bytes
 * (or, for an Office or OpenDocument file, by the names inside its zip or compound file), and
 * refused at once with what it is. Anything not recognised here is left to the readers.
 */
interface Signature {
  what: string;
  test(head: Buffer): boolean;
}

const ascii = (text: string) => Buffer.from(text, 'latin1');
const at = (head: Buffer, offset: number, bytes: Buffer | number[]) => {
  const magic = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
  return head.length >= offset + magic.length && head.subarray(offset, offset + magic.length).equals(magic);
};
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** A zip's entry names are stored as written: the head shows the first ones. */
const zipHolds = (head: Buffer, ...names: string[]) => at(head, 0, ZIP) && names.some((n) => head.includes(ascii(n)));
/** A compound file's stream names are UTF-16. */
const cfbHolds = (head: Buffer, name: string) => at(head, 0, CFB) && head.includes(Buffer.from(name, 'utf16le'));

const SIGNATURES: Signature[] = [
  { what: 'a PDF document', test: (h) => at(h, 0, ascii('%PDF-')) },
  { what: 'a PostScript document', test: (h) => at(h, 0, ascii('%!PS')) },
  { what: 'an RTF (rich text) document', test: (h) => at(h, 0, ascii('{\\rtf')) },
  { what: 'a PNG image', test: (h) => at(h, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { what: 'a JPEG image', test: (h) => at(h, 0, [0xff, 0xd8, 0xff]) },
  { what: 'a GIF image', test: (h) => at(h, 0, ascii('GIF87a')) || at(h, 0, ascii('GIF89a')) },
  { what: 'a TIFF image', test: (h) => at(h, 0, [0x49, 0x49, 0x2a, 0x00]) || at(h, 0, [0x4d, 0x4d, 0x00, 0x2a]) },
  { what: 'a WebP image', test: (h) => at(h, 0, ascii('RIFF')) && at(h, 8, ascii('WEBP')) },
  { what: 'a video or audio file', test: (h) => at(h, 4, ascii('ftyp')) || at(h, 0, ascii('ID3')) },
  { what: 'a gzip archive', test: (h) => at(h, 0, [0x1f, 0x8b]) },
  { what: 'a RAR archive', test: (h) => at(h, 0, ascii('Rar!\x1a\x07')) },
  { what: 'a 7-Zip archive', test: (h) => at(h, 0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) },
  { what: 'an SQLite database (an RSC Workbench workspace is one: open it from Workspace)', test: (h) => at(h, 0, ascii('SQLite format 3\0')) },
  { what: 'a program', test: (h) => at(h, 0, [0x7f, 0x45, 0x4c, 0x46]) || (at(h, 0, ascii('MZ')) && h.includes(ascii('This program cannot be run in DOS mode'))) },
  { what: 'a Word document', test: (h) => zipHolds(h, 'word/document.xml', 'word/_rels') || cfbHolds(h, 'WordDocument') },
  { what: 'a PowerPoint presentation', test: (h) => zipHolds(h, 'ppt/presentation.xml', 'ppt/_rels') || cfbHolds(h, 'PowerPoint Document') },
  { what: 'an OpenDocument text', test: (h) => zipHolds(h, 'mimetypeapplication/vnd.oasis.opendocument.text') },
  { what: 'an OpenDocument spreadsheet, which cannot be read (save it as .xlsx)', test: (h) => zipHolds(h, 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet') },
  { what: 'an e-book (EPUB)', test: (h) => zipHolds(h, 'mimetypeapplication/epub+zip') },
];

/** Throws UNSUPPORTED_FORMAT when the file's first bytes say it is not a spreadsheet or text at all. */
export function refuseForeignContent(name: string, head: Buffer): void {
  const found = SIGNATURES.find((s) => s.test(head));
  if (!found) return;
  const ext = extname(name).toLowerCase();
  throw importFailure(
    'UNSUPPORTED_FORMAT',
    `${name} is ${found.what}, not a spreadsheet${ext ? `, despite its ${ext} name` : ''}`,
    'export the data from the ATS as .xlsx or .csv and import that file',
  );
}
