import type { Fill, Font, Style } from 'exceljs';
import type { Severity } from '../../../shared/domain';

export const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** Epoch ms has 13 digits: General would show 1.73E+12. */
export const INTEGER_FORMAT = '0';
/** The Text format: Excel keeps such a cell text even when someone edits it. */
export const TEXT_FORMAT = '@';

export type Tone = 'error' | 'warning' | 'info' | 'good' | 'edited' | 'header';

const FILLS: Record<Tone, string> = {
  // Excel's own "Bad", "Neutral", "Good" cell styles, so the colours read as they do elsewhere.
  error: 'FFFFC7CE',
  warning: 'FFFFEB9C',
  good: 'FFC6EFCE',
  info: 'FFDDEBF7',
  edited: 'FFE4DFEC',
  header: 'FFD9D9D9',
};
const FONT_COLORS: Partial<Record<Tone, string>> = {
  error: 'FF9C0006',
  warning: 'FF9C5700',
  good: 'FF006100',
};

export interface StyleSpec {
  tone?: Tone;
  bold?: boolean;
  italic?: boolean;
  numFmt?: string;
}

/**
 * Style objects shared by every cell that looks alike. exceljs's streaming writer recognises a
 * style it has seen by object identity; a fresh object per cell costs it a full serialisation,
 * and mutating a shared one would restyle every cell that uses it, so cells only ever get these.
 */
export class StyleBook {
  private readonly cache = new Map<string, Partial<Style>>();
  private readonly specs = new WeakMap<Partial<Style>, StyleSpec>();

  get(spec: StyleSpec = {}): Partial<Style> {
    const key = `${spec.tone ?? ''}|${spec.bold ? 'b' : ''}|${spec.italic ? 'i' : ''}|${spec.numFmt ?? ''}`;
    let style = this.cache.get(key);
    if (!style) {
      style = Object.freeze(build(spec)) as Partial<Style>;
      this.cache.set(key, style);
      this.specs.set(style, spec);
    }
    return style;
  }

  /** The same look in the Text number format, for a string that must never become a formula. */
  asText(style: Partial<Style>): Partial<Style> {
    const spec = this.specs.get(style) ?? {};
    return this.get({ ...spec, numFmt: TEXT_FORMAT });
  }

  severity(severity: Severity | null, edited: boolean, numFmt?: string): Partial<Style> {
    const tone: Tone | undefined = severity ?? (edited ? 'edited' : undefined);
    return this.get({ tone, italic: edited, numFmt });
  }
}

function build(spec: StyleSpec): Partial<Style> {
  const style: Partial<Style> = {};
  if (spec.numFmt) style.numFmt = spec.numFmt;
  const color = spec.tone ? FONT_COLORS[spec.tone] : undefined;
  if (spec.bold || spec.italic || color) {
    const font: Partial<Font> = {};
    if (spec.bold) font.bold = true;
    if (spec.italic) font.italic = true;
    if (color) font.color = { argb: color };
    style.font = font;
  }
  if (spec.tone) {
    const fill: Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILLS[spec.tone] } };
    style.fill = fill;
  }
  if (spec.tone === 'header') style.border = { bottom: { style: 'thin', color: { argb: 'FF808080' } } };
  return style;
}
