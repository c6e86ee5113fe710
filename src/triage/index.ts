/**
 * Triage of incoming requests (issue 10): category, priority, language, entities, missing details, routing.
 * Pure functions over text, plus a lazily loaded default model that ships with the code.
 */
import { readFileSync } from 'node:fs';
import { triageWith } from './classify.js';
import { validateModel, type TriageModel } from './model.js';
import type { TriageInput, TriageResult } from './types.js';

export type { Category, Priority, Detail, TriageInput, TriageResult, TriageEntities, AmountEntity, TimeEntity, LabelledExample } from './types.js';
export { CATEGORIES, PRIORITIES } from './types.js';
export type { TriageModel } from './model.js';
export { validateModel } from './model.js';
export { trainModel, parseLabelledJsonl, parseLabelled, exampleInput, assertTrainable, type JsonlProblem } from './train.js';
export { missingDetailsRequest, replyLanguage } from './missing.js';
export { detectLanguage } from './language.js';
export { extractEntities } from './entities.js';
export { routeTicket, languageFit, type RoutingInput, type RoutingState, type RoutingDecision, type RoutingTeam, type RoutingAgent } from './routing.js';
export { correctionToExample, type TriageCorrection } from './corrections.js';
export { evaluateCategories, type Evaluation } from './evaluate.js';
export { PHRASE_RULES, type PhraseRule, type Signal } from './rules.js';

let defaultModel: TriageModel | undefined;

/** The model shipped in default-model.json (written training split + real corpus dev half), read on first use. */
export function loadDefaultModel(): TriageModel {
  defaultModel ??= validateModel(JSON.parse(readFileSync(new URL('./default-model.json', import.meta.url), 'utf8')));
  return defaultModel;
}

/**
 * Triages one request: category (phrase rules in Chinese and English combined with the naive Bayes model;
 * a strong security phrase always wins), priority, language, entities, missing details and the reasons.
 * Uses the shipped model unless one is given; pass `null` for rules only.
 */
export function triage(input: TriageInput, model?: TriageModel | null): TriageResult {
  return triageWith(input, model === undefined ? loadDefaultModel() : model);
}
