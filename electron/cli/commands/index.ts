// Every CLI command. Register a command with one line here.
import type { CliCommand } from '../command';
import { infoCommand } from './info';
import { exportCommand } from './export';
import { syncCommand } from './sync';
import { logCommand } from './log';
import { importCommand } from './import';
import { editCommand } from './edit';
import { fixCommand } from './fix';
import { excludeCommand } from './exclude';
import { undoCommand, redoCommand } from './undo';
import { historyCommand } from './history';
import { checkCommand } from './check';
import { resumesAttachCommand } from './resumes';
import { reconcileCommand } from './reconcile';
import { eraseCommand } from './erase';

export const COMMANDS: CliCommand[] = [infoCommand, importCommand, exportCommand, syncCommand, logCommand, editCommand, fixCommand, excludeCommand, undoCommand, redoCommand, historyCommand, checkCommand, resumesAttachCommand, reconcileCommand, eraseCommand];
