/**
 * The `walletdesk` command line. Each command lives in commands/<name>.ts and exports `register(program)`;
 * heavy modules are imported inside the action so that small commands start fast.
 */
import { Command } from 'commander';
import { commands } from './commands/index.js';
import { reportAndExit } from './exit.js';

const program = new Command('walletdesk')
  .description('walletdesk: the support desk for Bitcoin-wallet providers')
  .showHelpAfterError()
  .enablePositionalOptions();

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  reportAndExit(err);
}
