/**
 * Header comparison ignores case, spacing, punctuation, accents and camelCase, so "Job ID",
 * "job_id", "JobId" and "Job-Id " are one name.
 */
export interface HeaderText {
  /** Lowercase words separated by single spaces: "job posting id". */
  words: string;
  /** The words with nothing between them: "jobpostingid". */
  squeezed: string;
}

/**
 * Longer than any column name: such a cell (a pasted document, a hostile file's megabyte of text) is not a header,
 * decided before any pattern runs on it.
 */
export const MAX_HEADER_CHARS = 300;

const NOT_A_HEADER: HeaderText = { words: '', squeezed: '' };

export function headerText(header: string): HeaderText {
  if (header.length > MAX_HEADER_CHARS) return NOT_A_HEADER;
  const words = headerWords(header);
  return { words, squeezed: words.replace(/ /g, '') };
}

/** The comparison form of any text, in time linear in its length (every pattern here is). */
export function headerWords(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    // "HTMLParser" → "HTML Parser". A lookahead, not ([A-Z]+)([A-Z][a-z]): that one backtracks through every
    // run of capitals from each of its letters, quadratic in the run's length.
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .toLowerCase()
    .replace(/\be-mail\b/g, 'email')
    .replace(/#/g, ' number ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Sørensen–Dice over character bigrams of the squeezed text: 1 identical, 0 nothing shared. */
export function bigramSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      shared++;
      grams.set(g, n - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}

/** Share of words in common (Jaccard over word sets). */
export function wordOverlap(a: string, b: string): number {
  const wa = new Set(a.split(' ').filter(Boolean));
  const wb = new Set(b.split(' ').filter(Boolean));
  if (wa.size === 0 || wb.size === 0) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared);
}
