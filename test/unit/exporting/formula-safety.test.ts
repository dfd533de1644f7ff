import { describe, expect, it } from 'vitest';
import { csvSafeText, looksLikeFormula } from '../../../electron/core/exporting/formula-safety';

describe('formula safety', () => {
  it.each(['=HYPERLINK("http://x","y")', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx', ' =spaced', '\n=1+1', '＝1+1', '\u3000＋cmd', ' －2', '＠SUM(A1)'])(
    'treats %j as something Excel could run',
    (text) => {
      expect(looksLikeFormula(text)).toBe(true);
      expect(csvSafeText(text)).toBe(`'${text}`);
    },
  );

  it.each(['Ada', ' spaced = fine', 'x=1', '', "'already text", '１＝１'])('leaves %j alone', (text) => {
    expect(looksLikeFormula(text)).toBe(false);
    expect(csvSafeText(text)).toBe(text);
  });

  it.each(['-5', '+1.5e3', '-0.25', '-.5', ' -5'])('keeps the plain number %j readable as a number in CSV', (text) => {
    expect(csvSafeText(text)).toBe(text);
  });
});
