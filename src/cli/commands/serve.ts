import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('serve')
    .description('Start the desk: web console, API and background jobs. With no configuration: SQLite under ./data, port 8080.')
    .action(async () => {
      const { cliConfig } = await import('../desk.js');
      const { serve } = await import('../../main.js');
      const { ConfigError } = await import('../../config/config.js');
      const config = cliConfig();
      let server: Awaited<ReturnType<typeof serve>>;
      try {
        server = await serve(config);
      } catch (err) {
        // A port in use or not allowed names its variable (PORT, SMTP_PORT): a setting to change, exit 2.
        if (err instanceof ConfigError) {
          process.stderr.write(`walletdesk: ${err.message}\n`);
          process.exit(2);
        }
        throw err;
      }
      process.stdout.write(`walletdesk is serving at ${server.url}\n`);
      // The JSON log line scrolls away among the others: on a first run, say where to go in plain words too.
      if (server.setupUrl) process.stdout.write(setupNotice(server.setupUrl, process.stdout.isTTY === true));
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

/** The first-run address as a plain line, boxed when a person reads it on a terminal. */
export function setupNotice(url: string, terminal: boolean): string {
  const line = `First run: create the first admin at ${url}`;
  if (!terminal) return `${line}\n`;
  const rule = '─'.repeat(line.length + 2);
  return `\n┌${rule}┐\n│ ${line} │\n└${rule}┘\n\n`;
}
