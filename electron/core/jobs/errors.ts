import { ContractFailure, isContractError, type ContractError } from '../../../shared/contract/define';

/** Turns anything thrown into the `{code, message}` a user can read; never a stack trace. */
export function toContractError(err: unknown): ContractError {
  if (err instanceof ContractFailure) return err.toJSON();
  if (isContractError(err)) return { code: err.code, message: err.message, details: err.details };
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : 'INTERNAL', message: err.message };
  }
  return { code: 'INTERNAL', message: String(err) };
}

export function cancelled(): ContractFailure {
  return new ContractFailure('CANCELLED', 'Cancelled: nothing was changed.');
}
