/**
 * `walletdesk check-channel`: checks sites, e-mails, phone numbers and accounts against the official-channel
 * registry. `--jsonl` reads {"id", "value"} per line on stdin and writes {"id", "verdict", "brand", "reason"}.
 */
import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';

interface Options {
  registry?: string;
  jsonl?: boolean;
  lang: string;
}

/** The server's registry, exported from its database with brand slugs as ids. */
async function loadRegistryFromDesk() {
  const { withDesk } = await import('../desk.js');
  const { exportOfficialChannels } = await import('../../app/official-channels.js');
  const { parseRegistry, compileRegistry } = await import('../../verify/index.js');
  const doc = await withDesk((desk) => exportOfficialChannels(desk.deps));
  return { compiled: compileRegistry(parseRegistry(doc)) };
}

/** Reads and compiles a registry file; unreadable or invalid files are AppError('invalid_input'). */
export async function loadRegistryFile(file: string) {
  const { readFile } = await import('node:fs/promises');
  const { parseRegistry, compileRegistry } = await import('../../verify/index.js');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new AppError('invalid_input', `cannot read the registry file ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('invalid_input', `the registry file ${file} is not valid JSON`);
  }
  const doc = parseRegistry(json);
  return { doc, compiled: compileRegistry(doc) };
}

async function write(line: string): Promise<void> {
  if (!process.stdout.write(line)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}

export function register(program: Command): void {
  program
    .command('check-channel')
    .description('check sites, e-mails, phone numbers and accounts against the official channels: official, lookalike or unknown')
    .argument('[values...]', 'values to check (or use --jsonl)')
    .option('--registry <file>', 'registry JSON file: {"brands": [{"id", "name", "domains", "emails", "phones", "handles"}]}; without it, the desk database\'s registry')
    .option('--jsonl', 'read {"id", "value"} per line on stdin; write {"id", "verdict", "brand", "reason"} per line')
    .option('--lang <lang>', 'language of the reason: en or zh-CN', 'en')
    .action(async (values: string[], opts: Options) => {
      if (opts.lang !== 'en' && opts.lang !== 'zh-CN') throw new AppError('invalid_input', '--lang must be en or zh-CN');
      const lang = opts.lang;
      // Without --registry: the desk's own registry (DATABASE_URL / DATA_DIR), brands named by their short names.
      const { compiled } = opts.registry ? await loadRegistryFile(opts.registry) : await loadRegistryFromDesk();
      const { checkChannel } = await import('../../verify/index.js');

      if (!opts.jsonl) {
        if (values.length === 0) throw new AppError('invalid_input', 'give values to check, or --jsonl to read them from stdin');
        for (const value of values) {
          const v = checkChannel(compiled, value);
          await write(`${value}\t${v.verdict}\t${v.brand ?? '-'}\t${v.reason[lang]}\n`);
        }
        return;
      }

      const { readLines } = await import('../read-lines.js');
      let lineNo = 0;
      let malformed = 0;
      const complain = (msg: string): void => {
        malformed++;
        process.stderr.write(`walletdesk: line ${lineNo}: ${msg}\n`);
      };
      for await (const line of readLines(process.stdin)) {
        lineNo++;
        if (line.trim() === '') continue;
        let row: unknown;
        try {
          row = JSON.parse(line);
        } catch {
          complain('not valid JSON; expected {"id", "value"}');
          continue;
        }
        if (typeof row !== 'object' || row === null || Array.isArray(row)) {
          complain('expected a JSON object {"id", "value"}');
          continue;
        }
        const { id, value } = row as { id?: unknown; value?: unknown };
        if (typeof value !== 'string') {
          complain('"value" must be a string');
          continue;
        }
        if (id === undefined || (typeof id !== 'string' && typeof id !== 'number')) {
          complain('"id" must be a string or a number');
          continue;
        }
        const v = checkChannel(compiled, value);
        await write(`${JSON.stringify({ id, verdict: v.verdict, brand: v.brand, reason: v.reason[lang] })}\n`);
      }
      if (malformed > 0) {
        process.stderr.write(`walletdesk: ${malformed} malformed line(s) skipped\n`);
        process.exitCode = 2;
      }
    });
}
