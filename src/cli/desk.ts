/** Shared plumbing for CLI commands that need the desk: config from the environment, the database, deps. */
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { makeLogger, openDesk, type Desk } from '../main.js';

/** The configuration, or a one-line message naming the bad variable and exit code 2. */
export function cliConfig(): Config {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`walletdesk: invalid configuration: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** Opens the desk for one command (logging to stderr, warnings only) and always closes it. */
export async function withDesk<T>(fn: (desk: Desk, config: Config) => Promise<T>): Promise<T> {
  const config = cliConfig();
  const desk = await openDesk(config, makeLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }, 2));
  try {
    return await fn(desk, config);
  } finally {
    await desk.close();
  }
}
