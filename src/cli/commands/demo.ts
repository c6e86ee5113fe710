import type { Command } from 'commander';

export function register(program: Command): void {
  program
    .command('demo')
    .description('Fill the database with a living demo desk in Chinese and English: 2 brands, 6 agents, teams and a few hundred tickets.')
    .option('--tickets <n>', 'how many tickets', '300')
    .option('--force', 'add the demo even though the desk already has tickets')
    .action(async (opts: { tickets: string; force?: boolean }) => {
      const { withDesk } = await import('../desk.js');
      const { seedDemo } = await import('../demo-desk.js');
      const { invalid } = await import('../../core/errors.js');
      const tickets = Number(opts.tickets);
      if (!Number.isInteger(tickets) || tickets < 1 || tickets > 100_000) throw invalid('--tickets must be a whole number from 1 to 100000');
      await withDesk(async (desk) => {
        const result = await seedDemo(desk.deps, {
          tickets,
          force: opts.force === true,
          onProgress: (done, total) => {
            if (process.stderr.isTTY) process.stderr.write(`\rtickets ${done}/${total}${done === total ? '\n' : ''}`);
          },
        });
        process.stdout.write(
          [
            `demo desk ready: ${result.brands} brands, ${result.agents} agents, ${result.tickets} tickets`,
            `sign in as ${result.adminEmail} (or li@, wang@, emma@, tom@, chen@demo.walletdesk.example)`,
            `password for every demo account: ${result.password}`,
            '',
          ].join('\n'),
        );
      });
    });
}
