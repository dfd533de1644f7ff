import type { z } from 'zod';

/**
 * A contract method: a zod schema for its input (validated at every transport boundary)
 * and a phantom output type. Outputs are produced by our own backend, so they are typed,
 * not validated at runtime.
 */
export interface MethodDef<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom: never read at runtime, only carries the output type. */
  readonly output?: O;
}

export function method<O>() {
  return <I extends z.ZodType>(input: I): MethodDef<I, O> => ({ input });
}

/** An event the backend pushes; the payload is typed only. */
export interface EventDef<P> {
  readonly payload?: P;
}

export function event<P>(): EventDef<P> {
  return {};
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the constraint must accept every schema/output pair
export type AnyMethods = Record<string, MethodDef<z.ZodType, any>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the constraint must accept every payload type
export type AnyEvents = Record<string, EventDef<any>>;

export type InputOf<M> = M extends MethodDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodDef<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends MethodDef<z.ZodType, infer O> ? O : never;
export type PayloadOf<E> = E extends EventDef<infer P> ? P : never;

/** Errors cross every transport in this shape; `message` is for a person to read. */
export interface ContractError {
  code: string;
  message: string;
  details?: unknown;
}

export class ContractFailure extends Error implements ContractError {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ContractFailure';
  }
  toJSON(): ContractError {
    return { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) };
  }
}

export function isContractError(value: unknown): value is ContractError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ContractError).code === 'string' &&
    typeof (value as ContractError).message === 'string'
  );
}
