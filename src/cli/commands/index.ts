import type { Command } from 'commander';
import { register as serve } from './serve.js';
import { register as migrate } from './migrate.js';
import { register as user } from './user.js';
import { register as token } from './token.js';
import { register as demo } from './demo.js';
import { register as tx } from './tx.js';
import { register as triage } from './triage.js';
import { register as redact } from './redact.js';
import { register as checkChannel } from './check-channel.js';
import { register as channels } from './channels.js';
import { register as search } from './search.js';

/** Every CLI command, in the order `walletdesk --help` lists them. Add one line per new command file. */
export const commands: Array<(program: Command) => void> = [serve, migrate, user, token, demo, tx, triage, redact, checkChannel, channels, search];
