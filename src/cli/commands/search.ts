import type { Command } from 'commander';

/**
 * `walletdesk search reindex [--brand <slug or id>] [--restart]`: rewrites the search documents written before
 * the current segmentation (app/reindex-search.ts), with a progress line per batch on stderr and a summary on
 * stdout. Stopped (Ctrl-C, a crash), it goes on where it was the next time; the desk may keep serving meanwhile.
 */
export function register(program: Command): void {
  const search = program.command('search').description('Maintain the ticket search index.');
  search
    .command('reindex')
    .description('Rewrite search documents written before the current format (resumes a stopped run).')
    .option('--brand <brand>', "only this brand's tickets (slug or id)")
    .option('--restart', 'start from the first ticket instead of where a stopped run was')
    .option('--batch <n>', 'tickets per transaction', '500')
    .option('--lang <lang>', 'language of the output: en or zh-CN', 'en')
    .action(async (opts: { brand?: string; restart?: boolean; batch: string; lang: string }) => {
      const { withDesk } = await import('../desk.js');
      const { reindexSearch } = await import('../../app/reindex-search.js');
      const { invalid, notFound } = await import('../../core/errors.js');
      const { t, isLanguage } = await import('../../i18n/index.js');
      if (!isLanguage(opts.lang)) throw invalid(`--lang must be en or zh-CN, not "${opts.lang}".`, { field: 'lang' });
      const lang = opts.lang;
      const batch = Number(opts.batch);
      if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw invalid('--batch must be a whole number from 1 to 10000.', { field: 'batch' });
      await withDesk(async (desk) => {
        let brandId: string | null = null;
        if (opts.brand !== undefined) {
          const brand = (await desk.deps.store.brands.getBySlug(opts.brand)) ?? (await desk.deps.store.brands.get(opts.brand));
          if (!brand) throw notFound(`The brand "${opts.brand}"`);
          brandId = brand.id;
        }
        const started = Date.now();
        let lastLine = 0;
        const result = await reindexSearch(desk.deps, {
          brandId,
          batch,
          restart: opts.restart === true,
          onProgress: (p) => {
            if (lastLine === 0 && p.resumedAfter > 0) process.stderr.write(`${t(lang, 'cli.search.resumed', { at: p.resumedAfter })}\n`);
            // A line a second at most: a million tickets are two thousand batches.
            if (Date.now() - lastLine < 1000) return;
            lastLine = Date.now();
            process.stderr.write(`${t(lang, 'cli.search.progress', { count: p.tickets, total: p.total, at: p.at, rewritten: p.rewritten })}\n`);
          },
        });
        if (result.resumedAfter > 0) process.stdout.write(`${t(lang, 'cli.search.resumed', { at: result.resumedAfter })}\n`);
        process.stdout.write(
          `${t(lang, 'cli.search.done', { count: result.tickets, rewritten: result.rewritten, seconds: Math.round((Date.now() - started) / 1000) })}\n`,
        );
      });
    });
}
