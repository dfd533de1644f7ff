import type { CellValue } from '../domain';
import { joinEmailList, repairEmails, splitEmailList } from '../values/emails';
import type { TransformOutcome } from './spec';

/** Addresses are case-insensitive in practice, and ATS exports mix cases; only cells holding an @ are touched. */
export function lowercaseEmails(value: CellValue): TransformOutcome {
  if (typeof value !== 'string' || !value.includes('@')) return { ok: true, value };
  return { ok: true, value: value.toLowerCase() };
}

/**
 * One canonical list form, the one the check normalizes to: addresses separated by ";", no
 * blanks or repeats. "Ann <ann@x.com>" and "a@x.com|b@y.com" are repaired the way the rule
 * pack repairs them.
 */
export function splitEmails(value: CellValue): TransformOutcome {
  if (typeof value !== 'string') return { ok: true, value };
  const text = value.trim();
  if (text === '') return { ok: true, value: null };
  const repaired = repairEmails(text);
  if (repaired) return { ok: true, value: joinEmailList(repaired) };
  const list = splitEmailList(text.replace(/^mailto:/i, ''));
  return { ok: true, value: list.length === 0 ? null : joinEmailList(list) };
}
