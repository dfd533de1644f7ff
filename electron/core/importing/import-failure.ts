import { ContractFailure } from '../../../shared/contract/define';

/**
 * The codes an import can fail with. Every failure is one line a consultant can act on:
 * what is wrong with the file, then what to do about it.
 */
export type ImportFailureCode =
  | 'FILE_NOT_FOUND'
  | 'FILE_EMPTY'
  | 'FILE_TOO_LARGE'
  | 'UNSUPPORTED_FORMAT'
  | 'PASSWORD_PROTECTED'
  | 'CORRUPT_FILE'
  | 'TOO_MANY_ROWS'
  | 'NO_DATA'
  | 'SHEET_NOT_FOUND'
  | 'NO_CATEGORY'
  | 'KEY_NOT_MAPPED'
  | 'BAD_MAPPING'
  | 'BAD_PRESET';

export function importFailure(code: ImportFailureCode, reason: string, suggestion: string): ContractFailure {
  return new ContractFailure(code, `${reason}: ${suggestion}`, { reason, suggestion });
}
