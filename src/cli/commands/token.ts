import type { Command} from 'commander';
import { Option } from 'commander';

export function register(program: Command): void {
  const token = program.command('token').description('Manage API tokens.');
  token
    .command('create')
    .description('Create an API token acting as an agent. Prints the token alone on stdout (it is shown only once).')
    .requiredOption('--email <email>', "the agent's e-mail")
    .option('--name <label>', 'a label for the token, e.g. the integration using it')
    .addOption(new Option('--role <role>', 'a lower role than the agent has').choices(['admin', 'supervisor', 'agent']))
    .action(async (opts: { email: string; name?: string; role?: 'admin' | 'supervisor' | 'agent' }) => {
      const { withDesk } = await import('../desk.js');
      const { createApiToken } = await import('../../app/create-api-token.js');
      const { notFound } = await import('../../core/errors.js');
      await withDesk(async (desk) => {
        const agent = await desk.deps.store.agents.getAuthByEmail(opts.email.trim().toLowerCase());
        if (!agent) throw notFound(`An agent with the e-mail ${opts.email}`);
        const created = await createApiToken(desk.deps, null, { agentId: agent.id, name: opts.name ?? 'cli', role: opts.role ?? null });
        process.stdout.write(`${created.token}\n`);
      });
    });
}
