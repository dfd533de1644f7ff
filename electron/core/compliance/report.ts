import type { Db } from '../db/connection';
import { CATEGORIES } from '../../../shared/domain';
import type { Severity } from '../../../shared/domain';
import type { CheckReport, CheckReportRecord } from '../../../shared/contract/rules';

export type { CheckReport, CheckReportRecord } from '../../../shared/contract/rules';
import { categoryCompliance } from './summary';

/**
 * Builds the report from stored results. Records come in category order, then import order;
 * issues are merged in by one ordered pass over record_issues (no query per record).
 */
export function checkReport(db: Db): CheckReport {
  const counts = categoryCompliance(db);
  const categories = Object.fromEntries(
    CATEGORIES.map((c) => {
      const { total, compliant, nonCompliant, warnings, excluded } = counts[c];
      return [c, { total, compliant, nonCompliant, warnings, excluded }];
    }),
  ) as CheckReport['categories'];

  const records: CheckReportRecord[] = [];
  const recordStmt = db.prepare(
    'SELECT id, key, error_count, excluded FROM records WHERE category = ? ORDER BY id',
  );
  const issueStmt = db.prepare(
    `SELECT i.record_id, i.rule, i.field, i.severity, i.message FROM record_issues i
      WHERE i.category = ? ORDER BY i.record_id, i.rowid`,
  );
  for (const category of CATEGORIES) {
    const byRecord = new Map<number, CheckReportRecord['issues']>();
    for (const row of issueStmt.iterate(category) as IterableIterator<{
      record_id: number; rule: string; field: string; severity: Severity; message: string;
    }>) {
      let list = byRecord.get(row.record_id);
      if (!list) byRecord.set(row.record_id, (list = []));
      list.push({ rule: row.rule, field: row.field, severity: row.severity, message: row.message });
    }
    for (const row of recordStmt.iterate(category) as IterableIterator<{
      id: number; key: string; error_count: number; excluded: number;
    }>) {
      const rec: CheckReportRecord = { category, key: row.key, compliant: row.error_count === 0, issues: byRecord.get(row.id) ?? [] };
      if (row.excluded) rec.excluded = true;
      records.push(rec);
    }
  }
  return { categories, records };
}
