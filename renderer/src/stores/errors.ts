import { isContractError } from '../../../shared/contract/define';

/** A sentence for the UI from anything a call rejected with. */
export function messageOf(err: unknown): string {
  if (isContractError(err)) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
