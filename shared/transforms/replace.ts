import type { CellValue } from '../domain';

export interface ReplaceSpec {
  find: string;
  replace: string;
  /** `find` is a JavaScript regular expression; `replace` may use $1, $<name>. */
  regex?: boolean;
  caseSensitive?: boolean;
  /** Only cells whose whole text matches (plain: equals `find`). */
  wholeCell?: boolean;
}

export type Replacer = (value: CellValue) => CellValue;

/**
 * Compiles a find & replace into a cell function, or returns the reason it cannot run (an
 * invalid regular expression) so the UI can say so before anything changes.
 */
export function compileReplace(spec: ReplaceSpec): { ok: true; replace: Replacer } | { ok: false; reason: string } {
  if (spec.find === '') return { ok: false, reason: 'Enter the text to find.' };
  const flags = spec.caseSensitive ? 'gu' : 'giu';
  let source = spec.regex ? spec.find : escapeRegex(spec.find);
  if (spec.wholeCell) source = `^(?:${source})$`;
  let pattern: RegExp;
  try {
    pattern = new RegExp(source, flags);
  } catch (err) {
    return { ok: false, reason: `Invalid regular expression: ${err instanceof Error ? err.message : String(err)}` };
  }
  // A plain search must insert the replacement literally: "$1" in it is text, not a group.
  const replacement = spec.regex ? spec.replace : spec.replace.replace(/\$/g, '$$$$');
  return { ok: true, replace: (value) => replaceCell(value, pattern, replacement) };
}

function replaceCell(value: CellValue, pattern: RegExp, replacement: string): CellValue {
  if (value === null || typeof value === 'boolean') return value;
  const text = typeof value === 'number' ? String(value) : value;
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return value;
  pattern.lastIndex = 0;
  const out = text.replace(pattern, replacement);
  if (out === text) return value;
  if (out === '') return null;
  // A number stays a number when the replacement leaves one (e.g. fixing digits of an epoch).
  if (typeof value === 'number' && /^[+-]?\d+(?:\.\d+)?$/.test(out)) return Number(out);
  return out;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
