import type { Command } from 'commander';

/** Every CLI command, in the order `walletdesk --help` lists them. Add one line per new command file. */
export const commands: Array<(program: Command) => void> = [];
commands.push((await import('./redact.js')).register);
