import type { ParseArgsConfig } from 'node:util';
import type { Backend } from '../core/backend';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface GlobalOptions {
  db: string;
  json: boolean;
}

export interface CliIo {
  /** The in-process backend, with the --db workspace open. Created on first use. */
  backend(): Backend;
  global: GlobalOptions;
  /** Machine output: with --json, `json` goes to stdout; otherwise `text`. */
  print(json: unknown, text: string | (() => string)): void;
  /** Human progress on stderr (silent with --json). */
  info(line: string): void;
  /** A line a script must see even with --json (e.g. the records LinkedIn rejected): always on stderr. */
  warn(line: string): void;
}

export interface CliCommand {
  /** One or two words: 'import', 'resumes attach'. */
  name: string;
  summary: string;
  usage: string;
  options?: OptionSpec;
  /** Returns the exit code: 0 success, 1 failure, 3 finished with rejected records (sync). */
  run(
    args: { positionals: string[]; values: Record<string, string | boolean | (string | boolean)[] | undefined> },
    io: CliIo,
  ): Promise<number> | number;
}

export class CliUsageError extends Error {}
