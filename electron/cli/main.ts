import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { resolve, join } from 'node:path';
import { Backend, memorySecrets } from '../core/backend';
import { defaultDataDir, defaultWorkspacePath } from '../core/paths';
import { ContractFailure } from '../../shared/contract/define';
import { CliUsageError, type CliCommand, type CliIo, type GlobalOptions } from './command';
import { COMMANDS } from './commands';

export interface CliStreams {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processStreams: CliStreams = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** Pulls the global options out wherever they stand, so `--db x import f` and `import f --db x` both work. */
function extractGlobals(argv: string[]): { global: Partial<GlobalOptions> & { help: boolean }; rest: string[] } {
  const rest: string[] = [];
  const global: Partial<GlobalOptions> & { help: boolean } = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') global.json = true;
    else if (a === '--help' || a === '-h') global.help = true;
    else if (a === '--db') {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new CliUsageError('--db needs a workspace file path');
      global.db = v;
    } else if (a.startsWith('--db=')) global.db = a.slice(5);
    else rest.push(a);
  }
  return { global, rest };
}

function findCommand(rest: string[]): { command: CliCommand; args: string[] } | null {
  const two = rest.slice(0, 2).join(' ');
  const byTwo = COMMANDS.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, args: rest.slice(2) };
  const byOne = COMMANDS.find((c) => c.name === rest[0]);
  return byOne ? { command: byOne, args: rest.slice(1) } : null;
}

export function helpText(): string {
  return [
    'rscw — RSC Workbench from a terminal',
    '',
    'Usage: npm run --silent cli -- <command> [options] [--db <workspace.rscw>] [--json]',
    '',
    'Commands:',
    ...COMMANDS.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '',
    'Global options (before or after the command):',
    '  --db <file>   the workspace file (created if missing); default: the app\'s default workspace',
    '  --json        machine-readable output on stdout',
    '  --help        this text, or a command\'s usage with `<command> --help`',
    '',
    'Exit codes: 0 success, 1 failure (one-line reason on stderr), 3 sync finished but LinkedIn rejected records.',
  ].join('\n');
}

/** Runs one CLI invocation in-process; returns the exit code. */
export async function runCli(argv: string[], streams: CliStreams = processStreams): Promise<number> {
  let backend: Backend | null = null;
  try {
    const { global, rest } = extractGlobals(argv);
    if (rest.length === 0 || rest[0] === 'help') {
      streams.stdout(helpText() + '\n');
      return rest.length === 0 && !global.help ? 1 : 0;
    }
    const found = findCommand(rest);
    if (!found) throw new CliUsageError(`unknown command "${rest[0]}" (see --help)`);
    const { command, args } = found;
    if (global.help) {
      streams.stdout(`Usage: ${command.usage}\n${command.summary}\n`);
      return 0;
    }
    const parsed = parseArgs({ args, options: command.options ?? {}, allowPositionals: true, strict: true });
    const dataDir = defaultDataDir();
    const opts: GlobalOptions = {
      db: resolve(global.db ?? defaultWorkspacePath(dataDir)),
      json: global.json ?? false,
    };
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const io: CliIo = {
      global: opts,
      backend: () => {
        backend ??= new Backend({
          transport: 'in-process',
          dataDir,
          resourcesDir: join(root, 'resources'),
          jobMode: 'inline',
          secrets: memorySecrets(),
          workspacePath: opts.db,
        });
        return backend;
      },
      print: (json, text) => {
        if (opts.json) streams.stdout(JSON.stringify(json, null, 2) + '\n');
        else streams.stdout((typeof text === 'function' ? text() : text) + '\n');
      },
      info: (line) => {
        if (!opts.json) streams.stderr(line + '\n');
      },
      warn: (line) => streams.stderr(line + '\n'),
    };
    return await command.run({ positionals: parsed.positionals, values: parsed.values }, io);
  } catch (err) {
    const message =
      err instanceof ContractFailure || err instanceof CliUsageError || err instanceof Error ? err.message : String(err);
    streams.stderr(`rscw: ${message.split('\n')[0]}\n`);
    return 1;
  } finally {
    // Assigned inside the io closure, which TypeScript's narrowing cannot see.
    (backend as Backend | null)?.close();
  }
}
