/**
 * An `attachment` Content-Disposition for any file name (RFC 6266): `filename*` carries the name in
 * UTF-8, `filename` an ASCII fallback for old clients. Node refuses a header with a non-Latin-1
 * character, so the raw name must never reach it.
 */
export function attachmentDisposition(name: string): string {
  const fallback = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]+/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${fallback || 'download'}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** RFC 5987's attr-char set: encodeURIComponent leaves a few characters it does not allow. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
