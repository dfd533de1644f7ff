import { CATEGORIES, type Category } from '../../../../shared/domain';
import type { ColumnMatch } from '../../../../shared/contract/import';
import { KEY_FIELDS } from '../../../../shared/rsc/fields';
import { coverage, matchColumns } from './match-columns';
import { SHEET_NAME_HINTS } from './header-synonyms';

export interface CategoryDetection {
  category: Category | null;
  scores: Record<Category, number>;
  matches: Record<Category, ColumnMatch[]>;
}

/** Below this no category is claimed: the sheet is probably a summary or lookup table. */
const MIN_SCORE = 0.3;

/**
 * Scores each category by how well the headers cover its fields (key fields weigh most), then
 * adjusts for what tells look-alike categories apart: an applications export also has
 * candidate ids and names, a stage history also has application ids.
 */
export function detectCategory(
  headers: string[],
  sheetName: string,
  distinctValues?: (column: number) => string[] | undefined,
): CategoryDetection {
  const matches = {} as Record<Category, ColumnMatch[]>;
  const scores = {} as Record<Category, number>;
  for (const c of CATEGORIES) {
    matches[c] = matchColumns(c, headers, { distinctValues });
    scores[c] = coverage(c, matches[c]);
  }
  const has = (c: Category, field: string) => matches[c].some((m) => m.field === field && m.confidence >= 0.7);
  const hasKeys = (c: Category) => KEY_FIELDS[c].filter((f) => f !== 'stageId').every((f) => has(c, f));
  const applicationId = has('applications', 'atsJobApplicationId');
  const personal = has('applications', 'firstName') || has('applications', 'lastName') || has('applications', 'candidateEmail');
  const jobRef = has('applications', 'atsJobPostingId') || has('applications', 'source');

  for (const c of CATEGORIES) if (!hasKeys(c)) scores[c] *= 0.6;
  // Application ids point away from jobs and candidates.
  if (applicationId) {
    scores.jobs *= 0.5;
    scores.candidates *= 0.5;
  }
  // A stage history has an application id, a stage and a date, but no people or job details.
  if (personal || jobRef) scores.stages *= 0.6;
  if (!has('stages', 'stage')) scores.stages *= 0.5;
  if (applicationId && !personal && !jobRef && has('stages', 'stage')) scores.applications *= 0.6;
  // Candidates and applications both carry names; jobs carry none.
  if (has('candidates', 'firstName') || has('candidates', 'emailAddresses')) scores.jobs *= 0.5;

  const hint = SHEET_NAME_HINTS.find(([re]) => re.test(sheetName))?.[1];
  if (hint) scores[hint] += 0.15;

  let best: Category | null = null;
  for (const c of CATEGORIES) {
    scores[c] = Math.round(scores[c] * 100) / 100;
    if (scores[c] >= MIN_SCORE && (best === null || scores[c] > scores[best])) best = c;
  }
  return { category: best, scores, matches };
}
