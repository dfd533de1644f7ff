import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { importFailure } from '../import-failure';
import { MAX_FILE_BYTES } from '../limits';
import { refuseForeignContent } from './content-sniff';

export type FileKind = 'xlsx' | 'text';

export interface FileFormat {
  kind: FileKind;
  name: string;
  size: number;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Compound File Binary (OLE2): old .xls, and also every password-protected .xlsx (Office encrypts into a CFB container). */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo', 'utf16le');
const SNIFF_BYTES = 64 * 1024;

/**
 * Decides how to read a file from its first bytes (extensions lie: ATS exports named .xls are
 * often HTML or tab-separated text), and rejects what cannot be read with a reason and a fix.
 */
export function detectFileFormat(path: string): FileFormat {
  const name = basename(path);
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw importFailure('FILE_NOT_FOUND', `${name} is a folder, not a file`, 'choose the exported .xlsx or .csv file');
    size = stat.size;
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') {
      throw importFailure('FILE_NOT_FOUND', `${path} does not exist`, 'check the path and try again');
    }
    throw err;
  }
  const ext = extname(name).toLowerCase();
  if (size === 0) throw importFailure('FILE_EMPTY', `${name} is empty (0 bytes)`, 'export the data from the ATS again');
  if (size > MAX_FILE_BYTES) {
    throw importFailure(
      'FILE_TOO_LARGE',
      `${name} is ${Math.round(size / 1024 / 1024)} MB, more than the 500 MB limit`,
      'split the export into smaller files (e.g. by date range) and import them one after another',
    );
  }
  if (ext === '.numbers') {
    throw importFailure('UNSUPPORTED_FORMAT', `${name} is an Apple Numbers file, which cannot be read`, 'in Numbers choose File › Export To › Excel… and import the .xlsx');
  }
  if (ext === '.xlsb') {
    throw importFailure('UNSUPPORTED_FORMAT', `${name} is an Excel binary workbook (.xlsb), which cannot be read`, 'open it in Excel and save it as .xlsx (Excel Workbook)');
  }
  if (ext === '.ods') {
    throw importFailure('UNSUPPORTED_FORMAT', `${name} is an OpenDocument spreadsheet, which cannot be read`, 'save it as .xlsx (Excel 2007–365) and import that');
  }
  const head = readHead(path, Math.min(size, SNIFF_BYTES));
  refuseForeignContent(name, head);
  if (startsWith(head, ZIP)) return { kind: 'xlsx', name, size };
  if (startsWith(head, CFB)) {
    if (ext === '.xls') {
      throw importFailure('UNSUPPORTED_FORMAT', `${name} is an Excel 97–2003 workbook (.xls), which cannot be read`, 'open it in Excel and save it as .xlsx (Excel Workbook)');
    }
    if (isEncrypted(path, size, head)) {
      throw importFailure('PASSWORD_PROTECTED', `${name} is password-protected`, 'open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password), save, and import again');
    }
    throw importFailure('UNSUPPORTED_FORMAT', `${name} is an old-format Excel (.xls) file despite its name`, 'open it in Excel and save it as .xlsx (Excel Workbook)');
  }
  if (looksLikeHtml(head)) {
    throw importFailure('UNSUPPORTED_FORMAT', `${name} is a web page (HTML) saved with a spreadsheet name, which cannot be read`, 'open it in Excel and save it as .xlsx, or export CSV from the ATS');
  }
  if (ext === '.xlsx' || ext === '.xlsm') {
    throw importFailure('CORRUPT_FILE', `${name} is not a valid .xlsx file (it is damaged or not an Excel workbook)`, 'open it in Excel and save it again as .xlsx, or export it from the ATS again');
  }
  if (!looksLikeText(head)) {
    throw importFailure('UNSUPPORTED_FORMAT', `${name} is neither a spreadsheet nor a text (CSV) file`, 'export the data from the ATS as .xlsx or .csv');
  }
  return { kind: 'text', name, size };
}

function readHead(path: string, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const read = readSync(fd, buf, 0, length, 0);
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function startsWith(buf: Buffer, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

/** Encrypted OOXML stores an "EncryptionInfo" stream; its name sits in the CFB directory. */
function isEncrypted(path: string, size: number, head: Buffer): boolean {
  if (head.includes(ENCRYPTION_INFO)) return true;
  // The directory can sit anywhere; such files are small enough (a CFB wrapper) to scan whole up to a bound.
  if (size <= head.length) return false;
  const whole = readHead(path, Math.min(size, 64 * 1024 * 1024));
  return whole.includes(ENCRYPTION_INFO);
}

function looksLikeHtml(head: Buffer): boolean {
  const text = head.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart().toLowerCase();
  return text.startsWith('<!doctype html') || text.startsWith('<html') || text.startsWith('<table');
}

/** Text has no NUL bytes, except UTF-16, which has a BOM or NULs in every other byte. */
function looksLikeText(head: Buffer): boolean {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return true;
  let nul = 0;
  let control = 0;
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) nul++;
    else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  if (nul > 0) return nul >= n / 4 && control === 0; // UTF-16 without a BOM
  return control <= n / 100;
}
