// The domain vocabulary shared by every layer: categories, cell values, issues.
// Pure TypeScript; imported by the rule pack, the backend, the contract and the UI.

export const CATEGORIES = ['jobs', 'candidates', 'applications', 'stages'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  jobs: 'Jobs',
  candidates: 'Candidates',
  applications: 'Applications',
  stages: 'Application stages',
};

/** For tight places such as the workspace header. */
export const CATEGORY_SHORT_LABELS: Record<Category, string> = {
  jobs: 'Jobs',
  candidates: 'Candidates',
  applications: 'Applications',
  stages: 'Stages',
};

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** A spreadsheet cell as stored: dates arrive as epoch ms numbers or strings. */
export type CellValue = string | number | boolean | null;

/** A record's fields, keyed by RSC field name (or source header for unmapped columns). */
export type FieldValues = Record<string, CellValue>;

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A machine-applicable fix: the field gets `value` when the consultant accepts it. */
export interface Fix {
  /** Short imperative label shown on the button, e.g. "Convert seconds to milliseconds". */
  label: string;
  field: string;
  value: CellValue;
}

export interface Issue {
  rule: string;
  field: string;
  severity: Severity;
  message: string;
  fix?: Fix;
}

export type RecordStatus = 'compliant' | 'warning' | 'error';
