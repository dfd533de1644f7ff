import type { CellValue } from '../domain';
import type { TransformOutcome } from './spec';

const PREFIX = /^urn:li:[A-Za-z][A-Za-z0-9]*:$/;

/** Why a prefix cannot be used, or null. */
export function urnPrefixProblem(prefix: string): string | null {
  return PREFIX.test(prefix) ? null : `"${prefix}" is not a URN prefix: write it like urn:li:organization:`;
}

/** "1234" → "urn:li:organization:1234". Values that already are URNs stay as they are. */
export function prefixUrn(value: CellValue, prefix: string): TransformOutcome {
  if (value === null || typeof value === 'boolean') return { ok: true, value };
  const id = (typeof value === 'number' ? String(value) : value).replace(/\s+/g, '');
  if (id === '') return { ok: true, value: null };
  if (/^urn:/i.test(id)) return { ok: true, value };
  return { ok: true, value: prefix + id };
}
