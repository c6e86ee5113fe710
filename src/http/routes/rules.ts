/**
 * /api/v1/rules (admins): triggers and automations (issue 17). New rules are saved switched off; the dry run
 * (of a draft, or of a saved rule) shows which recent tickets it would have matched before an admin switches
 * it on. The starter set installs the wallet-support rules, off.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Rule } from '../../core/rules.js';
import { createRule, deleteRule, dryRunRule, dryRunSavedRule, installStarterRules, listRules, updateRule, type DryRunMatch } from '../../app/manage-rules.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { IdParams, LanguageT, RuleCreate, RuleDraft, RuleDryRunJson, RuleJson, RuleList, RulePatchJson, errors } from '../../contract/index.js';

function present(r: Rule) {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    brand_id: r.brandId,
    enabled: r.enabled,
    position: r.position,
    conditions: r.conditions,
    actions: r.actions,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

function presentDryRun(result: { checked: number; matches: DryRunMatch[] }) {
  return {
    checked: result.checked,
    matches: result.matches.map((m) => ({ ticket_id: m.ticket.id, number: m.ticket.number, subject: m.ticket.subject, status: m.ticket.status, event: m.eventType, at: m.at })),
  };
}

export const ruleRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const tags = ['rules'];

  app.get('/rules', { schema: { tags, summary: 'Every rule, in the order they run (admins)', response: { 200: RuleList, ...errors(401, 403) } } }, async (request) => ({
    rules: (await listRules(deps, principalOf(request))).map(present),
  }));

  app.post(
    '/rules',
    { schema: { tags, summary: 'Save a trigger or automation (admins); off unless enabled is true', body: RuleCreate, response: { 201: RuleJson, ...errors(400, 401, 403, 409) } } },
    async (request, reply) => reply.code(201).send(present(await createRule(deps, principalOf(request), request.body))),
  );

  app.post(
    '/rules/dry-run',
    { schema: { tags, summary: 'Which recent tickets a rule not saved yet would have matched (admins)', body: RuleDraft, response: { 200: RuleDryRunJson, ...errors(400, 401, 403) } } },
    async (request) => {
      const b = request.body;
      return presentDryRun(await dryRunRule(deps, principalOf(request), { kind: b.kind, brandId: b.brand_id ?? null, conditions: { all: b.conditions.all ?? [], any: b.conditions.any ?? [] }, actions: b.actions }));
    },
  );

  app.post(
    '/rules/starter-set',
    {
      schema: {
        tags,
        summary: 'Install the starter rules for wallet support, switched off (admins); names that exist are skipped',
        body: Type.Object({ language: Type.Optional(LanguageT) }, { additionalProperties: false }),
        response: { 200: RuleList, ...errors(400, 401, 403) },
      },
    },
    async (request) => ({ rules: (await installStarterRules(deps, principalOf(request), request.body.language ?? 'en')).map(present) }),
  );

  app.patch(
    '/rules/:id',
    { schema: { tags, summary: 'Change a rule, or switch it on or off (admins)', params: IdParams, body: RulePatchJson, response: { 200: RuleJson, ...errors(400, 401, 403, 404, 409) } } },
    async (request) => present(await updateRule(deps, principalOf(request), request.params.id, request.body)),
  );

  app.delete('/rules/:id', { schema: { tags, summary: 'Delete a rule (admins)', params: IdParams, response: { 204: Type.Null(), ...errors(401, 403, 404) } } }, async (request, reply) => {
    await deleteRule(deps, principalOf(request), request.params.id);
    return reply.code(204).send(null);
  });

  app.post(
    '/rules/:id/dry-run',
    { schema: { tags, summary: 'Which recent tickets a saved rule would have matched (admins)', params: IdParams, response: { 200: RuleDryRunJson, ...errors(400, 401, 403, 404) } } },
    async (request) => presentDryRun(await dryRunSavedRule(deps, principalOf(request), request.params.id)),
  );
};
