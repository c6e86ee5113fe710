/**
 * Builds the shipped default model, src/triage/default-model.json: naive Bayes counts plus the linear part, from
 * the written TRAINING split and the real corpus's DEV half (scripts/triage-default-model.ts); held-out halves
 * are never read. Run: node bin/run-ts.js scripts/train-triage-model.ts
 */
import { writeFileSync } from 'node:fs';
import { buildDefaultModel, defaultModelSets, serializeModel } from './triage-default-model.js';

const { written, realDev, heldOut } = defaultModelSets();
const model = buildDefaultModel();
const json = serializeModel(model);
writeFileSync(new URL('../src/triage/default-model.json', import.meta.url), json);
console.log(`trained on ${written.length} written examples (held out: ${heldOut.written}) and ${realDev.length} real dev messages (held out: ${heldOut.real}); vocabulary ${Object.keys(model.vocab).length} tokens, linear features ${Object.keys(model.linear?.weights ?? {}).length}; ${json.length} bytes`);
