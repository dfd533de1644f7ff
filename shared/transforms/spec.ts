import type { CellValue } from '../domain';

/**
 * The value transforms a consultant can run over a column, as data: the contract validates
 * these, the backend applies them, and the UI lists them with their labels.
 */
export const CASE_MODES = ['upper', 'lower', 'title', 'sentence'] as const;
export type CaseMode = (typeof CASE_MODES)[number];

/** Date formats with a name; anything else is a luxon format string such as dd/MM/yyyy HH:mm. */
export const NAMED_DATE_FORMATS = ['iso', 'rfc2822', 'sql', 'excel'] as const;

export type TransformSpec =
  | { name: 'trim' }
  | { name: 'collapseWhitespace' }
  | { name: 'changeCase'; mode: CaseMode }
  | { name: 'lowercaseEmails' }
  | { name: 'splitEmails' }
  /** `format`: a luxon format or one of NAMED_DATE_FORMATS; `zone`: IANA zone for values without an offset. */
  | { name: 'parseDate'; format: string; zone: string }
  | { name: 'secondsToMillis' }
  /** `prefix` such as "urn:li:organization:" (ends with a colon). */
  | { name: 'prefixUrn'; prefix: string }
  | { name: 'countryToIso' }
  | { name: 'cityState' };

export type TransformName = TransformSpec['name'];

export const TRANSFORM_NAMES = [
  'trim',
  'collapseWhitespace',
  'changeCase',
  'lowercaseEmails',
  'splitEmails',
  'parseDate',
  'secondsToMillis',
  'prefixUrn',
  'countryToIso',
  'cityState',
] as const satisfies readonly TransformName[];

export const TRANSFORM_LABELS: Record<TransformName, string> = {
  trim: 'Trim spaces',
  collapseWhitespace: 'Collapse whitespace',
  changeCase: 'Change case',
  lowercaseEmails: 'Lowercase email addresses',
  splitEmails: 'Split email lists',
  parseDate: 'Parse dates',
  secondsToMillis: 'Seconds → milliseconds',
  prefixUrn: 'Prefix a URN',
  countryToIso: 'Country name → ISO code',
  cityState: 'Normalize "City, ST"',
};

/** What a transform did to one cell: a (possibly unchanged) value, or why it could not. */
export type TransformOutcome = { ok: true; value: CellValue } | { ok: false; reason: string };
