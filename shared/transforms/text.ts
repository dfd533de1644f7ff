import type { CellValue } from '../domain';
import type { CaseMode, TransformOutcome } from './spec';

// Excel exports carry non-breaking and zero-width spaces that String.prototype.trim keeps or misses.
const EDGE_SPACE = /^[\s\u00a0\u200b\ufeff]+|[\s\u00a0\u200b\ufeff]+$/g;
const INNER_SPACE = /[\s\u00a0\u200b\ufeff]+/g;

const unchanged = (value: CellValue): TransformOutcome => ({ ok: true, value });

/** An emptied cell is a missing value, not an empty string: the check and the payload treat both alike. */
function textResult(text: string): TransformOutcome {
  return { ok: true, value: text === '' ? null : text };
}

export function trim(value: CellValue): TransformOutcome {
  if (typeof value !== 'string') return unchanged(value);
  return textResult(value.replace(EDGE_SPACE, ''));
}

/** Runs of spaces, tabs and line breaks become one space; the ends are trimmed. */
export function collapseWhitespace(value: CellValue): TransformOutcome {
  if (typeof value !== 'string') return unchanged(value);
  return textResult(value.replace(INNER_SPACE, ' ').replace(EDGE_SPACE, ''));
}

export function changeCase(value: CellValue, mode: CaseMode): TransformOutcome {
  if (typeof value !== 'string') return unchanged(value);
  switch (mode) {
    case 'upper':
      return unchanged(value.toUpperCase());
    case 'lower':
      return unchanged(value.toLowerCase());
    case 'title':
      return unchanged(titleCase(value));
    case 'sentence':
      return unchanged(sentenceCase(value));
  }
}

/**
 * "new YORK-upon hudson" → "New York-Upon Hudson". Words start after spaces, hyphens, slashes,
 * dots and parentheses; apostrophes do not start words ("Don't", not "Don'T").
 */
export function titleCase(text: string): string {
  return text.toLowerCase().replace(/(^|[\s\-/.(])(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
}

/** First letter of each sentence upper case, the rest lower case. */
export function sentenceCase(text: string): string {
  return text.toLowerCase().replace(/(^\s*|[.!?]\s+)(\p{L})/gu, (_m, before: string, letter: string) => before + letter.toUpperCase());
}
