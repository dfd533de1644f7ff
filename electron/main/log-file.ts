import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'info' | 'warn' | 'error';

export interface LogFileOptions {
  dir: string;
  /** Size at which the file is rotated. */
  maxBytes?: number;
  /** Rotated files kept besides the current one. */
  keep?: number;
  /** Secret values in use (the LinkedIn client secret): replaced wherever they appear. */
  knownSecrets?: () => readonly (string | null)[];
}

export const LOG_FILE_NAME = 'rsc-workbench.log';
const MAX_LINE = 8_000;
const REDACTED = '[redacted]';

// A key that names a secret, then its value: `client_secret=…`, `"clientSecret": "…"`, `token: …`.
const SECRET_FIELD =
  /\b((?:client[_-]?secret|access[_-]?token|refresh[_-]?token|id[_-]?token|password|passwd|secret|token|api[_-]?key|authorization)["']?\s*[:=]\s*["']?)(?!(?:(?:Bearer|Basic)\s+)?\[redacted\])(?:(?:Bearer|Basic)\s+)?[^\s"'&,;}\]]+/gi;
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;

/** The text with every secret it may carry replaced: values named as secrets, auth headers, and the secrets in use. */
export function redact(text: string, knownSecrets: readonly (string | null)[] = []): string {
  let out = text;
  // Longest first, so a secret containing another is replaced whole.
  for (const s of [...knownSecrets].filter((v): v is string => !!v && v.length >= 4).sort((a, b) => b.length - a.length)) {
    out = out.split(s).join(REDACTED);
  }
  return out.replace(AUTH_SCHEME, `$1 ${REDACTED}`).replace(SECRET_FIELD, `$1${REDACTED}`);
}

/**
 * The support log: one line per event, in the OS's log folder for the app. It is rotated at
 * `maxBytes` (rsc-workbench.log → .1.log → … → .{keep}.log, the oldest dropped), so a long-running
 * install never fills a disk, and every line is redacted before it is written. Writing never throws:
 * a full disk or a read-only folder must not take the app down with it.
 */
export class RotatingLog {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(private readonly options: LogFileOptions) {
    this.path = join(options.dir, LOG_FILE_NAME);
    this.maxBytes = options.maxBytes ?? 1_000_000;
    this.keep = options.keep ?? 3;
  }

  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  error(message: string, err?: unknown): void {
    const detail = err instanceof Error ? (err.stack ?? err.message) : err === undefined ? '' : String(err);
    this.write('error', detail ? `${message}: ${detail}` : message);
  }

  write(level: LogLevel, message: string): void {
    try {
      const text = redact(message, this.options.knownSecrets?.() ?? []).slice(0, MAX_LINE).replace(/\r?\n/g, '\n    ');
      const line = `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${text}\n`;
      mkdirSync(this.options.dir, { recursive: true });
      if (existsSync(this.path) && statSync(this.path).size + Buffer.byteLength(line) > this.maxBytes) this.rotate();
      appendFileSync(this.path, line);
    } catch {
      // The log is for support; losing a line is better than failing what was being logged.
    }
  }

  private rotated(n: number): string {
    return join(this.options.dir, LOG_FILE_NAME.replace(/\.log$/, `.${n}.log`));
  }

  private rotate(): void {
    rmSync(this.rotated(this.keep), { force: true });
    for (let n = this.keep - 1; n >= 1; n--) {
      if (existsSync(this.rotated(n))) renameSync(this.rotated(n), this.rotated(n + 1));
    }
    renameSync(this.path, this.rotated(1));
  }
}
