import type { Command } from 'commander';
import { register as registerTx } from './tx.js';

/** Every CLI command, in the order `walletdesk --help` lists them. Add one line per new command file. */
export const commands: Array<(program: Command) => void> = [registerTx];
