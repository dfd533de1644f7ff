// The 'rules' domain of the contract: the RSC rule pack and the compliance engine.
import { z } from 'zod';
import { CATEGORIES, type Category, type Severity } from '../domain';
import { method } from './define';
import type { FieldSpec, RuleSource } from '../rsc/fields';
import type { RuleSpec } from '../rsc/rules';

/** The rule pack as plain data (RuleSpec has no functions), for any transport. */
export interface RulePack {
  version: string;
  fields: FieldSpec[];
  rules: RuleSpec[];
  keyFields: Record<Category, string[]>;
}

export interface CheckRunResult {
  checked: number;
  /** Records whose stored result changed (and were rewritten). */
  changed: number;
  packVersion: string;
  checkedAt: number;
  timeZone: string;
  durationMs: number;
  /** Threads that read and checked records: 2 when a helper thread took a share of a large workspace. */
  threads: number;
}

/**
 * Per-category counts. Excluded records are checked like any other but counted apart:
 * total = compliant + nonCompliant + excluded (+ unchecked before the first check).
 * compliant = no errors (warnings do not block the sync); warnings = records with at least one
 * warning, whether or not they also have errors.
 */
export interface CategoryCompliance {
  total: number;
  compliant: number;
  nonCompliant: number;
  warnings: number;
  excluded: number;
  unchecked: number;
}

export interface RuleCount {
  category: Category;
  rule: string;
  severity: Severity;
  source: RuleSource | null;
  title: string;
  /** Records with at least one issue of this rule. */
  records: number;
  issues: number;
}

export interface FieldCount {
  category: Category;
  field: string;
  /** Records with at least one issue on this field, and per severity. */
  records: number;
  errors: number;
  warnings: number;
  infos: number;
}

/** The last full check of the workspace. Records keep their own pack version and check time. */
export interface LastCheck {
  at: number;
  packVersion: string;
  timeZone: string;
  records: number;
}

export interface ComplianceSummary {
  /** The pack version of this build; differs from lastCheck.packVersion until the next check. */
  packVersion: string;
  lastCheck: LastCheck | null;
  categories: Record<Category, CategoryCompliance>;
  rules: RuleCount[];
  fields: FieldCount[];
}

/** The `check --json` output: counts per category, then every record with its issues. */
export interface CheckReport {
  categories: Record<Category, { total: number; compliant: number; nonCompliant: number; warnings: number; excluded: number }>;
  records: CheckReportRecord[];
}

export interface CheckReportRecord {
  category: Category;
  key: string;
  compliant: boolean;
  /** Present (true) only on records excluded from the sync. */
  excluded?: true;
  issues: { rule: string; field: string; severity: Severity; message: string }[];
}

/** Date formats chosen per category and field (luxon tokens, e.g. "dd/MM/yyyy"). */
export type ColumnFormatsByCategory = Partial<Record<Category, Record<string, string>>>;

export const rulesMethods = {
  'rules:pack': method<RulePack>()(z.object({}).strict()),
  /** Full check of the workspace, as a job (progress, cancellable, nothing changed when cancelled). */
  'rules:check': method<CheckRunResult>()(z.object({}).strict()),
  'rules:summary': method<ComplianceSummary>()(z.object({}).strict()),
  'rules:report': method<CheckReport>()(z.object({}).strict()),
  'rules:columnFormats': method<ColumnFormatsByCategory>()(z.object({}).strict()),
  /**
   * Chooses (or, with null, clears) the date format of a date field for a whole category, then
   * re-reads the column: a full check runs as a job before this returns.
   */
  'rules:setColumnFormat': method<{ formats: ColumnFormatsByCategory; check: CheckRunResult }>()(
    z
      .object({
        category: z.enum(CATEGORIES),
        field: z.string().min(1),
        format: z.string().trim().min(2).max(40).nullable(),
      })
      .strict(),
  ),
};

export const rulesEvents = {};
