import type { RawCell } from './parsed-sheet';
import { OutOfRangeDate, serialOutOfRange } from './excel-date-range';

/**
 * Turns one exceljs cell value into a RawCell. exceljs hands the streaming reader's cells over
 * as strings, numbers, booleans, Dates (date-formatted numbers, with styles cached) or objects
 * for rich text, formulas, errors and hyperlinks.
 */
export interface CellContext {
  /** The cell's number format, for formula results (exceljs converts only plain values to Dates). */
  numFmt(): string | undefined;
  date1904: boolean;
}

export type ConvertedCell =
  | { value: RawCell; issue?: undefined; link?: undefined }
  | { value: RawCell; issue: string; link?: undefined }
  | { value: RawCell; link: string; issue?: undefined };

interface RichTextValue {
  richText: { text?: string }[];
}
interface FormulaValue {
  formula?: string;
  sharedFormula?: string;
  result?: unknown;
}
interface ErrorValue {
  error: string;
}
interface HyperlinkValue {
  text?: unknown;
  hyperlink: string;
}

export function convertObjectCell(v: object, ctx: CellContext): ConvertedCell {
  if (v instanceof OutOfRangeDate) return outOfRange(v.serial);
  if (v instanceof Date) {
    return Number.isNaN(v.getTime()) ? { value: null, issue: 'holds a date Excel cannot represent; imported as empty' } : { value: v };
  }
  if ('richText' in v) return { value: emptyToNull((v as RichTextValue).richText.map((r) => r.text ?? '').join('')) };
  if ('error' in v) return { value: null, issue: `holds the error ${(v as ErrorValue).error}; imported as empty` };
  if ('formula' in v || 'sharedFormula' in v) return convertFormula(v as FormulaValue, ctx);
  if ('hyperlink' in v) {
    const h = v as HyperlinkValue;
    const text = typeof h.text === 'string' ? h.text : h.text && typeof h.text === 'object' ? convertObjectCell(h.text, ctx).value : null;
    return { value: typeof text === 'string' || text === null ? text : String(text), link: h.hyperlink };
  }
  if ('sharedString' in v) return { value: null, issue: 'refers to a shared string the file does not contain; imported as empty' };
  return { value: null, issue: 'holds a value of an unknown kind; imported as empty' };
}

const HYPERLINK_FORMULA = /^\s*HYPERLINK\(\s*"([^"]+)"/i;

function convertFormula(f: FormulaValue, ctx: CellContext): ConvertedCell {
  const formula = f.formula ?? f.sharedFormula ?? '';
  const link = HYPERLINK_FORMULA.exec(formula)?.[1];
  const result = f.result;
  let value: RawCell;
  if (result === undefined || result === null) {
    if (link) return { value: null, link };
    return { value: null, issue: 'is a formula without a saved result (the file was not saved by Excel); imported as empty — open and save it in Excel first' };
  } else if (typeof result === 'number') {
    // exceljs reads error results (t="e") as NaN: the error text itself is lost.
    if (Number.isNaN(result)) return { value: null, issue: 'is a formula whose result is an error; imported as empty' };
    if (isDateFormat(ctx.numFmt()) && serialOutOfRange(result)) return outOfRange(result);
    value = isDateFormat(ctx.numFmt()) ? excelSerialToDate(result, ctx.date1904) : result;
  } else if (typeof result === 'string' || typeof result === 'boolean') {
    value = typeof result === 'string' ? emptyToNull(result) : result;
  } else if (result instanceof Date) {
    value = result;
  } else if (typeof result === 'object' && 'error' in result) {
    return { value: null, issue: `is a formula whose result is ${(result as ErrorValue).error}; imported as empty` };
  } else {
    value = null;
  }
  return link ? { value, link } : { value };
}

/** The number a date-formatted cell holds when Excel could not show it as a date: read as a number (epoch, serial). */
function outOfRange(serial: number): ConvertedCell {
  return { value: serial, issue: `holds ${serial}, which is past Excel's date range (Excel shows ####): imported as the number, read as epoch or serial` };
}

function emptyToNull(text: string): string | null {
  return text === '' ? null : text;
}

/** The test exceljs applies to plain cells, for formula results: date tokens outside quotes and brackets. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const bare = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** Link texts that only label a link: the link target is the value. */
const GENERIC_LINK_TEXT =
  /^(view|open|link|click|here|profile|url|details?|apply|resume|cv|see|go|show|visit|candidate|job|posting|application|e-?mail|mail|send\s+e-?mail|website|web|homepage|linkedin)(\s+(here|profile|link|details|candidate|job|posting|online|in\s+\w+|on\s+\w+|now))*\s*[.!›»>]*$/i;
const URL_OR_EMAIL = /^(https?:\/\/|www\.|mailto:)|^[^\s@]+@[^\s@]+\.[^\s@]+$/i;

/**
 * Which value a hyperlinked cell imports as: its target when the text is only a label ("View",
 * "Open profile") or empty; its text when the text is itself the value (a URL, an email address)
 * or means something else (a name): then the target is kept beside it.
 */
export function resolveHyperlink(text: RawCell, target: string): { value: RawCell; keepLinkBeside: boolean } {
  const url = target.startsWith('mailto:') ? target.slice('mailto:'.length) : target;
  if (text === null || (typeof text === 'string' && text.trim() === '')) return { value: url, keepLinkBeside: false };
  if (typeof text !== 'string') return { value: text, keepLinkBeside: true };
  const t = text.trim();
  if (t === target || t === url || URL_OR_EMAIL.test(t)) return { value: text, keepLinkBeside: false };
  if (GENERIC_LINK_TEXT.test(t)) return { value: url, keepLinkBeside: false };
  return { value: text, keepLinkBeside: true };
}
