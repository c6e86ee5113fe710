import type { Command } from 'commander';

interface TriageOptions {
  jsonl?: boolean;
  text?: string;
  model?: string;
  rulesOnly?: boolean;
}

interface TrainOptions {
  input?: string;
  fromDesk?: boolean;
  output: string;
  extendDefault?: boolean;
  weight?: string;
}

/**
 * `walletdesk triage --jsonl` reads {"id", "subject"?, "body"} per line on stdin and writes one result per line:
 * {"id", "category", "priority", "language", "missing", "entities", "reasons", "confidence", "request"?}.
 * A malformed line is reported on stderr by its number and skipped; the exit code is then 2.
 * `walletdesk triage train --input FILE.jsonl --output model.json` trains a model from labelled JSONL.
 */
export function register(program: Command): void {
  const triage = program
    .command('triage')
    .description('Triage requests: category, priority, language, entities and missing details (JSONL in, JSONL out)')
    .option('--jsonl', 'read {"id","subject"?,"body"} lines on stdin, write one JSON result per line')
    .option('--text <text>', 'triage one text and print the result')
    .option('--model <file>', 'use this model (from `walletdesk triage train`) instead of the shipped one')
    .option('--rules-only', 'phrase rules only, no model')
    .action(async (opts: TriageOptions) => {
      const { runTriage } = await import('./triage-run.js');
      await runTriage(opts);
    });

  triage
    .command('train')
    .description('Train a triage model from labelled JSONL: {"text" | "subject"+"body", "category", "priority"?} per line')
    .option('--input <file>', 'labelled JSONL ("-" for stdin)')
    .option('--from-desk', "learn from agents' corrections stored in the desk's database (DATABASE_URL / DATA_DIR)")
    .requiredOption('--output <file>', 'where to write the model JSON')
    .option('--extend-default', 'add the examples to the shipped model instead of training from scratch')
    .option('--weight <n>', 'count each example n times (1-100), e.g. to let corrections outweigh the corpus', '1')
    .action(async (opts: TrainOptions) => {
      const { runTrain } = await import('./triage-run.js');
      await runTrain(opts);
    });
}
