import { ContractFailure } from '../../../shared/contract/define';

/**
 * The SQLite JSON path of one field of values_json. Field names are quoted so that source
 * headers with spaces or dots address one key; SQLite's path syntax has no escape for a double
 * quote, so such a name cannot be addressed in SQL and is refused with a message.
 */
export function fieldPath(field: string): string {
  if (/["\\]/.test(field)) {
    throw new ContractFailure('BAD_FIELD', `The field name ${field} contains a quote or backslash, which cannot be edited in bulk.`);
  }
  return `$."${field}"`;
}
