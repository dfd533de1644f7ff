/**
 * Text cut into what is printed as is and the spaces a reader could not otherwise see, so a
 * preview shows exactly the value that will be stored: " zoe@x.com " reads "·zoe@x.com·".
 * A single space between words stays a space (the text stays readable); spaces at either end,
 * runs of spaces, tabs, line breaks and invisible or non-breaking spaces are each shown by a mark.
 */
export interface TextPart {
  text: string;
  /** Set for a mark: what it stands for, for the tooltip and screen readers. */
  stands?: string;
}

const MARKS: Record<string, { mark: string; stands: string }> = {
  ' ': { mark: '·', stands: 'space' },
  '\t': { mark: '→', stands: 'tab' },
  '\n': { mark: '↵', stands: 'line break' },
  '\r': { mark: '↵', stands: 'carriage return' },
  '\u00a0': { mark: '⍽', stands: 'non-breaking space' },
  '\u200b': { mark: '¦', stands: 'zero-width space' },
  '\ufeff': { mark: '¦', stands: 'zero-width no-break space' },
};
const OTHER_SPACE = { mark: '·', stands: 'other space' };
const SPACE_LIKE = /[\s\u200b\ufeff]/u;

export function visibleParts(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let plain = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (!SPACE_LIKE.test(c) || (c === ' ' && isLoneInnerSpace(chars, i))) {
      plain += c;
      continue;
    }
    if (plain) parts.push({ text: plain });
    plain = '';
    const { mark, stands } = MARKS[c] ?? OTHER_SPACE;
    parts.push({ text: mark, stands });
  }
  if (plain) parts.push({ text: plain });
  return parts;
}

/** The text as the marks show it, for places that take a string (titles, tests). */
export function visibleText(text: string): string {
  return visibleParts(text)
    .map((p) => p.text)
    .join('');
}

function isLoneInnerSpace(chars: string[], i: number): boolean {
  const before = chars[i - 1];
  const after = chars[i + 1];
  return before !== undefined && after !== undefined && !SPACE_LIKE.test(before) && !SPACE_LIKE.test(after);
}
