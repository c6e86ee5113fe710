import { AppError } from '../core/errors.js';
import { analyzeRequest } from './classify.js';
import { tokenStrings } from './analyze.js';
import { addToModel, emptyModel, validateModel, type TriageModel } from './model.js';
import { linearCounts, trainLinear, type LinearModel, type LinearTrainOptions } from './linear.js';
import { CATEGORIES, PRIORITIES, type Category, type LabelledExample, type Priority, type TriageInput } from './types.js';

/** The request a labelled example stands for: `text` as the body, or its subject and body. */
export function exampleInput(e: LabelledExample): TriageInput {
  if (typeof e.text === 'string') return { body: e.text };
  return { ...(e.subject ? { subject: e.subject } : {}), body: e.body ?? '' };
}

/**
 * Trains the naive Bayes models (category, and priority from the examples that carry one) on labelled
 * requests. With `base`, the examples are added to a copy of that model (e.g. the shipped default plus
 * agents' corrections); the base is not changed. `weight` counts each example that many times, so that a few
 * corrections can outweigh many corpus examples.
 */
export function trainModel(examples: readonly LabelledExample[], options: { base?: TriageModel; weight?: number } = {}): TriageModel {
  const weight = options.weight ?? 1;
  if (!Number.isInteger(weight) || weight < 1 || weight > 100) throw new AppError('invalid_input', 'The weight must be a whole number from 1 to 100.');
  const model: TriageModel = options.base ? structuredClone(validateModel(options.base)) : emptyModel();
  for (const e of examples) {
    const tokens = tokenStrings(analyzeRequest(exampleInput(e)).features);
    for (let i = 0; i < weight; i++) addToModel(model, tokens, e.category, e.priority);
  }
  return model;
}

/**
 * How the shipped model's linear part is trained, chosen by 5-fold cross-validation over the written training
 * split plus the real corpus's dev half (scripts/triage-cv-linear.ts): light L2, classes half-balanced, a real
 * message counted twice as much as a written sentence, features seen in at least two messages.
 */
export const LINEAR_TRAINING: LinearTrainOptions & { realWeight: number } = { l2: 1e-5, epochs: 150, balance: 0.5, securityWeight: 3, minDf: 2, digits: 3, prune: 0.002, realWeight: 2 };

/** Trains the logistic regression part on labelled examples, each counted `weight` times (default 1). */
export function trainLinearPart(examples: ReadonlyArray<{ example: LabelledExample; weight?: number }>, options: LinearTrainOptions = LINEAR_TRAINING): LinearModel {
  return trainLinear(
    examples.map(({ example, weight }) => {
      const a = analyzeRequest(exampleInput(example));
      return { counts: linearCounts(a.normalized, a.matches), category: example.category, weight: weight ?? 1 };
    }),
    options,
  );
}

/** A line of labelled JSONL that could not be used, with its 1-based line number. */
export interface JsonlProblem {
  line: number;
  message: string;
}

/** Checks one parsed JSONL value as a labelled example; returns the problem in words, or the example. */
export function parseLabelled(value: unknown): LabelledExample | string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'expected a JSON object';
  const v = value as Record<string, unknown>;
  const hasText = typeof v.text === 'string' && v.text.trim() !== '';
  const hasBody = typeof v.body === 'string' && v.body.trim() !== '';
  if (!hasText && !hasBody) return 'needs a non-empty "text" or "body"';
  if (v.subject !== undefined && typeof v.subject !== 'string') return '"subject" must be a string';
  if (typeof v.category !== 'string' || !CATEGORIES.includes(v.category as Category)) {
    return `"category" must be one of ${CATEGORIES.join(', ')}`;
  }
  if (v.priority !== undefined && (typeof v.priority !== 'string' || !PRIORITIES.includes(v.priority as Priority))) {
    return `"priority" must be one of ${PRIORITIES.join(', ')}`;
  }
  const example: LabelledExample = { category: v.category as Category };
  if (hasText) example.text = v.text as string;
  else {
    example.body = v.body as string;
    if (typeof v.subject === 'string' && v.subject) example.subject = v.subject;
  }
  if (v.priority) example.priority = v.priority as Priority;
  return example;
}

/** Parses labelled JSONL (blank lines skipped); reports every bad line rather than stopping at the first. */
export function parseLabelledJsonl(text: string): { examples: LabelledExample[]; problems: JsonlProblem[] } {
  const examples: LabelledExample[] = [];
  const problems: JsonlProblem[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push({ line: i + 1, message: 'not valid JSON' });
      return;
    }
    const parsed = parseLabelled(value);
    if (typeof parsed === 'string') problems.push({ line: i + 1, message: parsed });
    else examples.push(parsed);
  });
  return { examples, problems };
}

/** Throws invalid_input when training data is unusable (too few examples, or a category with none). */
export function assertTrainable(examples: readonly LabelledExample[], base?: TriageModel): void {
  if (base) {
    if (examples.length === 0) throw new AppError('invalid_input', 'No labelled examples to add to the model.');
    return;
  }
  const missing = CATEGORIES.filter((c) => !examples.some((e) => e.category === c));
  if (missing.length > 0) {
    throw new AppError('invalid_input', `Every category needs examples to train a model from scratch; none for: ${missing.join(', ')}. Use --extend-default to add to the shipped model instead.`);
  }
}
