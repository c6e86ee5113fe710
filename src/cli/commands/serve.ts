import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('serve')
    .description('Start the desk: web console, API and background jobs. With no configuration: SQLite under ./data, port 8080.')
    .action(async () => {
      const { cliConfig } = await import('../desk.js');
      const { serve } = await import('../../main.js');
      const config = cliConfig();
      let server: Awaited<ReturnType<typeof serve>>;
      try {
        server = await serve(config);
      } catch (err) {
        const e = err as { code?: string; message?: string };
        if (e.code === 'EADDRINUSE') throw new Error(`port ${config.port} is in use; set PORT to another port`);
        if (e.code === 'ECONNREFUSED' && config.databaseUrl) throw new Error('cannot reach the PostgreSQL server named in DATABASE_URL');
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
