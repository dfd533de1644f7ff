import type { Db } from '../db/connection';
import { ExchangeLog } from './exchange-log';
import { TokenProvider } from './token-provider';

type TokenOptions = Omit<ConstructorParameters<typeof TokenProvider>[0], 'log'>;

/**
 * The exchange log and the token provider every conversation with LinkedIn starts from, made
 * together: the log redacts the client secret and every token the provider has issued, and the
 * provider logs its own token exchanges there.
 */
export function loggedTokens(db: Db, options: TokenOptions): { log: ExchangeLog; tokens: TokenProvider } {
  let tokens: TokenProvider | null = null;
  const log = new ExchangeLog(db, () => [options.credentials.clientSecret, ...(tokens?.issued() ?? [])]);
  tokens = new TokenProvider({ ...options, log: (entry) => log.insert(entry) });
  return { log, tokens };
}
