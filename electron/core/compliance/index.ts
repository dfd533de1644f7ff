// The compliance engine: runs the RSC rule pack (shared/rsc) over the workspace's records.
export { checkAll, type CheckAllOptions, type CheckAllResult } from './check-all';
export { recheckRecords, type RecheckResult } from './recheck';
export { complianceSummary, categoryCompliance, type ComplianceSummary, type CategoryCompliance, type RuleCount, type FieldCount } from './summary';
export { checkReport, type CheckReport, type CheckReportRecord } from './report';
export { setColumnFormat, columnFormats, CheckContexts, TIME_ZONE_SETTING, DATE_FORMATS_SETTING } from './check-context';
export { invalidateComplianceIndex, warmComplianceIndex } from './index-cache';
export { InsertChecker, type ComplianceColumns } from './insert-check';
export { LAST_CHECK_SETTING } from './check-all';
export { noteExclusion } from './index-cache';
export {
  TouchedChecker, IssueReplacer, storedResultColumns, STORED_RESULT_PARAMS, storedResultOf,
  type TouchedRecord, type StoredResult, type StoredResultTuple, type NewResult,
} from './touched-check';
export { settleCrossRecord, storedResultsCurrent } from './settle-cross';
