import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, accessSync, constants } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ContractFailure } from '../../../shared/contract/define';

/**
 * Refuses, with a reason a person can act on, a target that cannot be replaced safely: a folder,
 * a file open in Excel or LibreOffice (they leave `~$name` / `.~lock.name#` beside it), or one
 * this process cannot write. On Windows, a file Excel holds open fails to open for writing.
 */
export function assertWritableTarget(path: string): void {
  if (!isAbsolute(path)) throw new ContractFailure('BAD_PATH', `"${path}" is not an absolute path.`);
  const dir = dirname(path);
  const name = basename(path);
  if (existsSync(path)) {
    const stat = statSync(path);
    if (stat.isDirectory()) throw new ContractFailure('TARGET_IS_FOLDER', `"${path}" is a folder: choose a file name.`);
    for (const lock of [join(dir, `~$${name}`), join(dir, `.~lock.${name}#`)]) {
      if (existsSync(lock)) throw openElsewhere(path);
    }
    try {
      closeSync(openSync(path, 'r+'));
    } catch (err) {
      throw targetError(path, err);
    }
  }
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch {
    throw new ContractFailure('TARGET_NOT_WRITABLE', `Cannot write in the folder "${dir}": choose another folder.`);
  }
}

function openElsewhere(path: string): ContractFailure {
  return new ContractFailure(
    'TARGET_OPEN',
    `"${basename(path)}" is open in another program (Excel?). Close it, or choose another file name, and export again.`,
  );
}

function targetError(path: string, err: unknown): ContractFailure {
  const code = (err as { code?: string }).code;
  if (code === 'EBUSY' || code === 'EPERM') return openElsewhere(path);
  if (code === 'EACCES' || code === 'EROFS') {
    return new ContractFailure('TARGET_NOT_WRITABLE', `"${path}" cannot be overwritten (read-only or no permission).`);
  }
  return new ContractFailure('TARGET_NOT_WRITABLE', `"${path}" cannot be written: ${(err as Error).message}`);
}

/**
 * Files written beside their targets under temporary names and renamed into place only when all
 * are complete, so a crash or a cancel leaves no half-written export and no partial set of CSVs.
 */
export class AtomicFiles {
  private readonly pending: { target: string; temp: string }[] = [];

  /** Checks the target and returns the temporary path to write instead. */
  add(target: string): string {
    assertWritableTarget(target);
    const temp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    this.pending.push({ target, temp });
    return temp;
  }

  /** Renames every temporary file onto its target; returns the targets' sizes in bytes. */
  commit(): number {
    // Again, now: the target may have been opened in Excel while the export ran.
    try {
      for (const { target } of this.pending) assertWritableTarget(target);
    } catch (err) {
      this.discard();
      throw err;
    }
    let bytes = 0;
    for (const { target, temp } of this.pending) {
      bytes += statSync(temp).size;
      try {
        renameSync(temp, target);
      } catch (err) {
        this.discard();
        throw targetError(target, err);
      }
    }
    this.pending.length = 0;
    return bytes;
  }

  discard(): void {
    for (const { temp } of this.pending) rmSync(temp, { force: true });
    this.pending.length = 0;
  }
}
