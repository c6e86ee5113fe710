import { readFileSync, writeFileSync } from 'node:fs';
import { readAll, readLines } from '../read-lines.js';
import { AppError } from '../../core/errors.js';
import {
  assertTrainable,
  loadDefaultModel,
  missingDetailsRequest,
  parseLabelledJsonl,
  replyLanguage,
  trainModel,
  triage,
  validateModel,
  type LabelledExample,
  type TriageModel,
  type TriageResult,
} from '../../triage/index.js';

function loadModel(file: string | undefined, rulesOnly: boolean | undefined): TriageModel | null {
  if (rulesOnly) return null;
  if (!file) return loadDefaultModel();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AppError('invalid_input', `Cannot read the model file ${file}.`);
  }
  try {
    return validateModel(JSON.parse(text));
  } catch (err) {
    if (err instanceof SyntaxError) throw new AppError('invalid_input', `The model file ${file} is not valid JSON.`);
    throw err;
  }
}

function present(id: unknown, r: TriageResult): Record<string, unknown> {
  return {
    id,
    category: r.category,
    priority: r.priority,
    language: r.language,
    missing: r.missing,
    entities: r.entities,
    reasons: r.reasons,
    confidence: r.confidence,
    ...(r.missing.length > 0 ? { request: missingDetailsRequest(replyLanguage(r.language), r.missing) } : {}),
  };
}

function checkLine(value: unknown): { id: unknown; subject?: string; body: string } | string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'expected a JSON object';
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' && typeof v.id !== 'number') return '"id" must be a string or a number';
  if (typeof v.body !== 'string') return '"body" must be a string';
  if (v.subject !== undefined && v.subject !== null && typeof v.subject !== 'string') return '"subject" must be a string';
  return typeof v.subject === 'string' ? { id: v.id, subject: v.subject, body: v.body } : { id: v.id, body: v.body };
}

/** The `walletdesk triage` action. */
export async function runTriage(opts: { jsonl?: boolean; text?: string; model?: string; rulesOnly?: boolean }): Promise<void> {
  const model = loadModel(opts.model, opts.rulesOnly);
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  if (opts.text !== undefined) {
    process.stdout.write(`${JSON.stringify(present(null, triage({ body: opts.text }, model)), null, 2)}\n`);
    return;
  }
  if (!opts.jsonl) throw new AppError('invalid_input', 'Say what to read: --jsonl (lines on stdin) or --text "…".');
  let lineNo = 0;
  let bad = 0;
  let out: string[] = [];
  for await (const line of readLines(process.stdin)) {
    lineNo++;
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      bad++;
      process.stderr.write(`walletdesk triage: line ${lineNo}: not valid JSON; skipped\n`);
      continue;
    }
    const req = checkLine(parsed);
    if (typeof req === 'string') {
      bad++;
      process.stderr.write(`walletdesk triage: line ${lineNo}: ${req}; skipped\n`);
      continue;
    }
    out.push(JSON.stringify(present(req.id, triage(req, model))));
    if (out.length >= 256) {
      process.stdout.write(`${out.join('\n')}\n`);
      out = [];
    }
  }
  if (out.length > 0) process.stdout.write(`${out.join('\n')}\n`);
  if (bad > 0) {
    throw new AppError('invalid_input', `${bad} of ${lineNo} line(s) could not be triaged (see above).`);
  }
}

/** The `walletdesk triage train` action. */
export async function runTrain(opts: { input?: string; fromDesk?: boolean; output: string; extendDefault?: boolean; weight?: string }): Promise<void> {
  if (Boolean(opts.input) === Boolean(opts.fromDesk)) throw new AppError('invalid_input', 'Give either --input FILE or --from-desk.');
  let examples: LabelledExample[];
  if (opts.fromDesk) {
    const { withDesk } = await import('../desk.js');
    const { collectTriageCorrections } = await import('../../app/collect-triage-corrections.js');
    examples = await withDesk((desk) => collectTriageCorrections(desk.deps));
    if (examples.length === 0) throw new AppError('invalid_input', 'No corrections in the desk yet: agents correct category or priority on tickets, then train.');
  } else {
    let text: string;
    try {
      text = opts.input === '-' ? await readAll(process.stdin) : readFileSync(opts.input!, 'utf8');
    } catch {
      throw new AppError('invalid_input', `Cannot read ${opts.input}.`);
    }
    const parsed = parseLabelledJsonl(text);
    for (const p of parsed.problems) process.stderr.write(`walletdesk triage train: line ${p.line}: ${p.message}\n`);
    if (parsed.problems.length > 0) throw new AppError('invalid_input', `${parsed.problems.length} line(s) of ${opts.input} are not usable; nothing was written.`);
    examples = parsed.examples;
  }
  const base = opts.extendDefault ? loadDefaultModel() : undefined;
  assertTrainable(examples, base);
  const weight = Number(opts.weight ?? '1');
  const model = { ...trainModel(examples, { ...(base ? { base } : {}), weight }), trainedAt: new Date().toISOString() };
  try {
    writeFileSync(opts.output, `${JSON.stringify(model)}\n`);
  } catch {
    throw new AppError('invalid_input', `Cannot write ${opts.output}.`);
  }
  process.stderr.write(`walletdesk triage train: ${examples.length} example(s)${base ? ' added to the shipped model' : ''}; model written to ${opts.output}\n`);
}
