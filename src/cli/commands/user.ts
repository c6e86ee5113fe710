import type { Command} from 'commander';
import { Option } from 'commander';

export function register(program: Command): void {
  const user = program.command('user').description('Manage agents\' accounts.');
  user
    .command('create')
    .description('Create an agent. Prompts for the password when --password is missing.')
    .requiredOption('--email <email>', 'sign-in e-mail')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'role').choices(['admin', 'supervisor', 'agent']).makeOptionMandatory())
    .option('--password <password>', 'password (at least 10 characters); prompted for when missing')
    .option('--brand <slug...>', 'brands the agent works for (slugs); admins see every brand')
    .option('--language <tag...>', 'languages the agent speaks, e.g. zh-CN en')
    .action(async (opts: { email: string; name: string; role: 'admin' | 'supervisor' | 'agent'; password?: string; brand?: string[]; language?: string[] }) => {
      const { withDesk } = await import('../desk.js');
      const { createAgent } = await import('../../app/create-agent.js');
      const { promptHidden } = await import('../prompt.js');
      const { invalid } = await import('../../core/errors.js');
      const password = opts.password ?? (await promptHidden(`Password for ${opts.email}: `));
      await withDesk(async (desk) => {
        const brandIds: string[] = [];
        for (const slug of opts.brand ?? []) {
          const brand = await desk.deps.store.brands.getBySlug(slug);
          if (!brand) throw invalid(`there is no brand "${slug}"`);
          brandIds.push(brand.id);
        }
        const agent = await createAgent(desk.deps, null, {
          email: opts.email,
          name: opts.name,
          role: opts.role,
          password,
          brand_ids: brandIds,
          languages: opts.language,
        });
        process.stdout.write(`created ${agent.role} ${agent.email} (${agent.id})\n`);
      });
    });
}
