import type { Db } from '../db/connection';
import type { Category, FieldValues, Issue, RecordStatus } from '../../../shared/domain';
import { checkRecord } from '../../../shared/rsc/check';
import { RULE_PACK_VERSION } from '../../../shared/rsc/version';
import { CheckContexts, type ContextOverrides } from './check-context';
import { checkHash, statusOf } from './result-writer';
import { keyOfNormalized, referencesOf } from './record-index';

/** The compliance columns of a record row, for an INSERT or UPDATE by the importer. */
export interface ComplianceColumns {
  status: RecordStatus;
  error_count: number;
  warning_count: number;
  info_count: number;
  pack_version: string;
  checked_at: number;
  check_hash: string;
  check_key: string | null;
  check_parent: string | null;
  check_candidate: string | null;
}

/**
 * Checks records as the importer writes them, so their rows are written once with their
 * compliance instead of being rewritten by the full check that follows the import (rewriting a
 * row costs several times reading it). Per-record rules only: the importer then calls checkAll,
 * which finds these results current and rewrites just the records that cross-record rules
 * (references, duplicate keys) change. Use inside the importer's transaction.
 */
export class InsertChecker {
  private readonly contexts: CheckContexts;
  private readonly insertIssue;

  constructor(db: Db, overrides: ContextOverrides = {}) {
    this.contexts = new CheckContexts(db, overrides);
    this.insertIssue = db.prepare(
      'INSERT INTO record_issues (record_id, category, rule, field, severity, message, fix_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  check(category: Category, values: FieldValues, sheetId: number | null): { columns: ComplianceColumns; issues: Issue[] } {
    const { issues, normalized } = checkRecord(category, values, this.contexts.for(category, sheetId));
    const c = statusOf(issues);
    const keys = { key: keyOfNormalized(category, normalized), ...referencesOf(category, normalized) };
    return {
      columns: {
        status: c.status, error_count: c.errors, warning_count: c.warnings, info_count: c.infos,
        pack_version: RULE_PACK_VERSION, checked_at: this.contexts.now, check_hash: checkHash(issues, keys),
        check_key: keys.key, check_parent: keys.parentRef, check_candidate: keys.candidateRef,
      },
      issues,
    };
  }

  /** Stores the issues of a record just inserted (or whose old issues the caller deleted). */
  storeIssues(recordId: number, category: Category, issues: readonly Issue[]): void {
    for (const i of issues) {
      this.insertIssue.run(recordId, category, i.rule, i.field, i.severity, i.message, i.fix ? JSON.stringify(i.fix) : null);
    }
  }
}
