import type { AnyMethods, OutputOf, ParsedInputOf } from '../../../shared/contract/define';
import type { BackendContext } from '../context';

export type Handler<M> = (input: ParsedInputOf<M>, ctx: BackendContext) => Promise<OutputOf<M>> | OutputOf<M>;

/** The handlers of one contract domain: one per method, typed from the contract. */
export type DomainHandlers<D extends AnyMethods> = { [K in keyof D]: Handler<D[K]> };

export function defineHandlers<D extends AnyMethods>(_methods: D, handlers: DomainHandlers<D>): DomainHandlers<D> {
  return handlers;
}
