/** What LinkedIn's resume upload accepts: PDF, DOC, DOCX, TXT, at most 10 MB. */
export const MAX_RESUME_BYTES = 10 * 1024 * 1024;

export type ResumeContentType =
  | 'application/pdf'
  | 'application/msword'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'text/plain';

export type SniffResult = { ok: true; contentType: ResumeContentType } | { ok: false; reason: string };

const PDF = Buffer.from('%PDF-', 'latin1');
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * The type of a resume by its content, not its name: a spreadsheet renamed to .pdf is refused
 * here rather than by LinkedIn after the upload.
 */
export function sniffResume(bytes: Buffer): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: 'The file is empty.' };
  if (bytes.subarray(0, PDF.length).equals(PDF)) return { ok: true, contentType: 'application/pdf' };
  if (bytes.subarray(0, OLE.length).equals(OLE)) return { ok: true, contentType: 'application/msword' };
  if (bytes.subarray(0, ZIP.length).equals(ZIP)) {
    // A DOCX is a zip whose entry names (stored uncompressed in the local headers) include word/.
    if (bytes.includes('word/', 0, 'latin1')) {
      return { ok: true, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
    }
    return { ok: false, reason: 'A zip archive that is not a Word document (DOCX).' };
  }
  if (bytes.includes(0)) return { ok: false, reason: 'Not a PDF, DOC, DOCX or text file (binary content).' };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'Not a PDF, DOC, DOCX or UTF-8 text file.' };
  }
  return { ok: true, contentType: 'text/plain' };
}
