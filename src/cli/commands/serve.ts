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
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
