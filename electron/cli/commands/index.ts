// Every CLI command. Register a command with one line here.
import type { CliCommand } from '../command';
import { infoCommand } from './info';

export const COMMANDS: CliCommand[] = [infoCommand];
