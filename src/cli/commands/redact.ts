import type { Command } from 'commander';

/**
 * `walletdesk redact`: removes recovery phrases and private keys from text, for operators scrubbing old
 * exports and for tests.
 *   walletdesk redact            stdin → stdout, the redacted text (input without secrets comes back byte
 *                                for byte, even if it is not valid UTF-8)
 *   walletdesk redact --jsonl    one {"id": any, "text": string} per line → one
 *                                {"id", "text", "findings": [{"kind", "start", "end"}]} per line
 * A malformed --jsonl line is reported on stderr with its line number and skipped; the exit code is then 2.
 * Blank lines are not records and are skipped silently.
 */
export function register(program: Command): void {
  program
    .command('redact')
    .description('remove recovery phrases and private keys from text on stdin')
    .option('--jsonl', 'read and write one JSON object per line: {"id", "text"} → {"id", "text", "findings"}')
    .action(async (opts: { jsonl?: boolean }) => {
      // A reader that stops early (`| head`) is not an error; anything else is one line, not a stack.
      process.stdout.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') process.stderr.write(`walletdesk redact: cannot write output: ${err.message}\n`);
        process.exit(err.code === 'EPIPE' ? 0 : 1);
      });
      const { redactSecrets } = await import('../../shield/index.js');
      if (!opts.jsonl) {
        const input = await readBuffer(process.stdin);
        const { text, findings } = redactSecrets(input.toString('utf8'));
        await write(findings.length === 0 ? input : text);
        return;
      }
      const { readLines } = await import('../read-lines.js');
      let lineNo = 0;
      let bad = 0;
      for await (const line of readLines(process.stdin)) {
        lineNo++;
        if (line.trim() === '') continue;
        const record = parseRecord(line);
        if (typeof record === 'string') {
          bad++;
          process.stderr.write(`walletdesk redact: line ${lineNo}: ${record}; skipped\n`);
          continue;
        }
        const { text, findings } = redactSecrets(record.text);
        await write(`${JSON.stringify({ id: record.id, text, findings })}\n`);
      }
      if (bad > 0) {
        process.stderr.write(`walletdesk redact: ${bad} malformed line(s) skipped\n`);
        process.exitCode = 2;
      }
    });
}

/** The record on a --jsonl line, or why it is not one (never echoing the line: it may hold a secret). */
function parseRecord(line: string): { id: unknown; text: string } | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON object {"id": …, "text": "…"}';
  const record = value as Record<string, unknown>;
  if (typeof record.text !== 'string') return '"text" must be a string';
  return { id: record.id ?? null, text: record.text };
}

async function readBuffer(input: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Writes to stdout, waiting when the pipe is full so a large export is not buffered whole in memory. */
async function write(data: string | Buffer): Promise<void> {
  if (!process.stdout.write(data)) await new Promise((resolve) => process.stdout.once('drain', resolve));
}
