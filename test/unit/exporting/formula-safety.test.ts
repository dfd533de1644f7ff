import { describe, expect, it } from 'vitest';
import { csvSafeText, looksLikeFormula } from '../../../electron/core/exporting/formula-safety';

describe('formula safety', () => {
  it.each(['=HYPERLINK("http://x","y")', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx'])(
    'treats %j as something Excel could run',
    (text) => {
      expect(looksLikeFormula(text)).toBe(true);
      expect(csvSafeText(text)).toBe(`'${text}`);
    },
  );

  it.each(['Ada', ' =spaced', 'x=1', '', "'already text"])('leaves %j alone', (text) => {
    expect(looksLikeFormula(text)).toBe(false);
    expect(csvSafeText(text)).toBe(text);
  });

  it.each(['-5', '+1.5e3', '-0.25', '-.5'])('keeps the plain number %j readable as a number in CSV', (text) => {
    expect(csvSafeText(text)).toBe(text);
  });
});
