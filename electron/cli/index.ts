// `npm run --silent cli -- <command>`: the rscw command line, the same backend in-process.
import { runCli } from './main';

process.exitCode = await runCli(process.argv.slice(2));
