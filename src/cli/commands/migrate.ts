import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date (serve does this too) and print what ran.')
    .action(async () => {
      const { cliConfig } = await import('../desk.js');
      const { openDatabase } = await import('../../main.js');
      const config = cliConfig();
      const { db } = await openDatabase(config);
      await db.destroy();
      process.stdout.write(`schema is up to date (${config.databaseUrl ? 'PostgreSQL' : 'SQLite'})\n`);
    });
}
