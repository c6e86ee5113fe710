/**
 * Admins' rules (issue 17): save, switch on and off, reorder, delete, see what a rule would have matched
 * (dry run), and install the starter set for wallet support. Saving checks the rule's shape, that the teams and
 * agents it names exist, that its texts pass the outbound guard, and, for automations, Zendesk's nullify rule.
 */
import { conflict, invalid, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { actorOf, assertAdmin, type Principal } from '../core/policy.js';
import { conditionsMatch, validateRule, type Rule, type RuleAction, type RuleConditions, type RuleKind } from '../core/rules.js';
import { isDomainEvent } from '../core/domain-events.js';
import type { Ticket } from '../core/ticket.js';
import { checkOutbound } from '../shield/index.js';
import { t, type Language } from '../i18n/index.js';
import { historyEvent } from './history.js';
import type { Deps, Repos } from './ports.js';
import { ruleMayUseMacro } from './macro-text.js';
import { automationMatches, isRuleEvent } from './run-rules.js';

export interface RuleInput {
  kind: RuleKind;
  name: string;
  brand_id?: string | null;
  enabled?: boolean;
  position?: number;
  conditions: { all?: RuleConditions['all']; any?: RuleConditions['any'] };
  actions: RuleAction[];
}

export type RulePatch = Partial<Omit<RuleInput, 'kind'>>;

/** Checks what a rule names (brand, teams, agents) and its texts (the outbound guard). */
async function checkReferences(repos: Repos, rule: Pick<Rule, 'brandId' | 'conditions' | 'actions'>): Promise<void> {
  if (rule.brandId && !(await repos.brands.get(rule.brandId))) throw invalid('That brand does not exist.', { field: 'brand_id' });
  for (const [i, a] of rule.actions.entries()) {
    if (a.type === 'set_team' && a.value !== null) {
      const team = await repos.teams.get(String(a.value));
      if (!team) throw invalid(`actions[${i}]: that team does not exist.`, { field: 'actions' });
    }
    if ((a.type === 'set_assignee' && a.value !== null) || (a.type === 'notify' && a.value !== 'assignee' && a.value !== 'team')) {
      const agent = await repos.agents.get(String(a.value));
      if (!agent || !agent.active) throw invalid(`actions[${i}]: that agent does not exist or is deactivated.`, { field: 'actions' });
    }
    if (a.type === 'send_macro') {
      const macro = await repos.macros.get(String(a.value));
      if (!macro || !ruleMayUseMacro(macro, rule.brandId)) throw invalid(`actions[${i}]: that macro does not exist, is retired, personal or of another brand.`, { field: 'actions' });
      for (const text of [macro.body, ...Object.values(macro.bodies), macro.note ?? '']) {
        const verdict = checkOutbound(text ?? '');
        if (!verdict.allowed) throw invalid(`actions[${i}]: ${verdict.explanation.en} ${verdict.explanation['zh-CN']}`, { field: 'actions', rule: verdict.rule });
      }
    }
    if (a.type === 'send_reply' || a.type === 'add_note') {
      const verdict = checkOutbound(String(a.value));
      if (!verdict.allowed) throw invalid(`actions[${i}]: ${verdict.explanation.en} ${verdict.explanation['zh-CN']}`, { field: 'actions', rule: verdict.rule });
    }
  }
}

function normalise(input: { all?: RuleConditions['all']; any?: RuleConditions['any'] }): RuleConditions {
  return { all: input.all ?? [], any: input.any ?? [] };
}

async function recordSaved(tx: Repos, principal: Principal, rule: Rule, changes: Record<string, [unknown, unknown]>, at: string, type: 'rule.saved' | 'rule.deleted' = 'rule.saved'): Promise<void> {
  await tx.events.append([
    historyEvent({ type, actor: actorOf(principal), at, subjectType: 'settings', subjectId: `rule:${rule.id}`, changes, data: { rule_id: rule.id, rule_name: rule.name, kind: rule.kind } }),
  ]);
}

/** Every rule, in the order they run (admins). */
export async function listRules(deps: Pick<Deps, 'store'>, principal: Principal): Promise<Rule[]> {
  assertAdmin(principal);
  return deps.store.rules.list();
}

/** Saves a new rule; switched off unless `enabled` says otherwise (run the dry run first). */
export async function createRule(deps: Pick<Deps, 'store' | 'clock' | 'triggers'>, principal: Principal, input: RuleInput): Promise<Rule> {
  assertAdmin(principal);
  const name = input.name.replace(/\s+/g, ' ').trim();
  if (name === '') throw invalid('The rule needs a name.', { field: 'name' });
  const conditions = normalise(input.conditions);
  validateRule(input.kind, conditions, input.actions);
  const saved = await deps.store.transaction(async (tx) => {
    const at = deps.clock.now().toISOString();
    const existing = await tx.rules.list();
    const rule: Rule = {
      id: newId(),
      kind: input.kind,
      name,
      brandId: input.brand_id ?? null,
      enabled: input.enabled ?? false,
      position: input.position ?? existing.reduce((max, r) => Math.max(max, r.position), 0) + 1,
      conditions,
      actions: input.actions,
      createdAt: at,
      updatedAt: at,
    };
    await checkReferences(tx, rule);
    if (existing.some((r) => r.name.toLowerCase() === name.toLowerCase())) throw conflict('Another rule has this name. Choose another name.');
    await tx.rules.insert(rule);
    await recordSaved(tx, principal, rule, { enabled: [null, rule.enabled] }, at);
    return rule;
  });
  await deps.triggers?.refresh().catch(() => undefined);
  return saved;
}

/** Changes a rule (switching it on or off is `enabled`); the whole rule is checked again. */
export async function updateRule(deps: Pick<Deps, 'store' | 'clock' | 'triggers'>, principal: Principal, id: string, patch: RulePatch): Promise<Rule> {
  assertAdmin(principal);
  const saved = await deps.store.transaction(async (tx) => {
    const current = await tx.rules.get(id);
    if (!current) throw notFound('Rule');
    const next: Rule = {
      ...current,
      ...(patch.name !== undefined ? { name: patch.name.replace(/\s+/g, ' ').trim() } : {}),
      ...(patch.brand_id !== undefined ? { brandId: patch.brand_id } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(patch.position !== undefined ? { position: patch.position } : {}),
      ...(patch.conditions !== undefined ? { conditions: normalise(patch.conditions) } : {}),
      ...(patch.actions !== undefined ? { actions: patch.actions } : {}),
      updatedAt: deps.clock.now().toISOString(),
    };
    if (next.name === '') throw invalid('The rule needs a name.', { field: 'name' });
    validateRule(next.kind, next.conditions, next.actions);
    await checkReferences(tx, next);
    await tx.rules.update(next);
    const changes: Record<string, [unknown, unknown]> = {};
    for (const key of ['name', 'enabled', 'position', 'brandId', 'conditions', 'actions'] as const) {
      if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) changes[key] = [current[key], next[key]];
    }
    if (Object.keys(changes).length) await recordSaved(tx, principal, next, changes, next.updatedAt);
    return next;
  });
  await deps.triggers?.refresh().catch(() => undefined);
  return saved;
}

export async function deleteRule(deps: Pick<Deps, 'store' | 'clock' | 'triggers'>, principal: Principal, id: string): Promise<void> {
  assertAdmin(principal);
  await deps.store.transaction(async (tx) => {
    const rule = await tx.rules.get(id);
    if (!rule) throw notFound('Rule');
    await tx.rules.delete(id);
    await recordSaved(tx, principal, rule, {}, deps.clock.now().toISOString(), 'rule.deleted');
  });
  await deps.triggers?.refresh().catch(() => undefined);
}

/** One ticket a dry run matched, and (triggers) the event it would have fired on. */
export interface DryRunMatch {
  ticket: Ticket;
  eventType: string | null;
  at: string | null;
}

/** How far back a trigger's dry run looks, and at most how many recently updated tickets. */
export const DRY_RUN_DAYS = 7;
export const DRY_RUN_TICKETS = 200;

/**
 * Which recent tickets a rule would have matched, without changing anything. A trigger is replayed over the
 * events of the tickets updated in the last 7 days (at most 200), each judged with the ticket as it is now; an
 * automation is checked against the tickets as they are now (what it would do at its next check).
 */
export async function dryRunRule(
  deps: Pick<Deps, 'store' | 'clock'>,
  principal: Principal,
  rule: Pick<Rule, 'kind' | 'brandId' | 'conditions' | 'actions'>,
): Promise<{ checked: number; matches: DryRunMatch[] }> {
  assertAdmin(principal);
  validateRule(rule.kind, rule.conditions, rule.actions);
  if (rule.kind === 'automation') {
    const full: Rule = { ...rule, id: 'dry-run', name: 'dry run', enabled: true, position: 0, createdAt: '', updatedAt: '' };
    const matches = await automationMatches(deps, full);
    return { checked: matches.length, matches: matches.slice(0, 100).map((t) => ({ ticket: t, eventType: null, at: null })) };
  }
  const since = new Date(deps.clock.now().getTime() - DRY_RUN_DAYS * 86_400_000).toISOString();
  const { tickets } = await deps.store.tickets.list({ updatedSince: since, ...(rule.brandId ? { brandId: rule.brandId } : {}) }, { limit: DRY_RUN_TICKETS, sort: 'updated_desc' });
  const matches: DryRunMatch[] = [];
  for (const ticket of tickets) {
    const events = await deps.store.events.listForTicket(ticket.id, { limit: 200 });
    for (const e of events) {
      if (!isDomainEvent(e) || isRuleEvent(e) || e.at < since) continue;
      const authorType = e.type === 'message.added' ? e.data.author_type : null;
      if (conditionsMatch(rule.conditions, { ticket, event: { type: e.type, changes: e.changes, authorType } })) {
        matches.push({ ticket, eventType: e.type, at: e.at });
        break;
      }
    }
  }
  return { checked: tickets.length, matches };
}

/** A saved rule's dry run. */
export async function dryRunSavedRule(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, id: string) {
  assertAdmin(principal);
  const rule = await deps.store.rules.get(id);
  if (!rule) throw notFound('Rule');
  return dryRunRule(deps, principal, rule);
}

/**
 * The starter set for wallet support, switched off for the admin to dry-run first: security tickets become
 * urgent and go to the security team; solved tickets close after 4 days; pending tickets remind their agent
 * after 72 hours. Rules whose names exist are left alone, so installing twice adds nothing.
 */
export async function installStarterRules(deps: Pick<Deps, 'store' | 'clock' | 'triggers'>, principal: Principal, lang: Language): Promise<Rule[]> {
  assertAdmin(principal);
  const teams = await deps.store.teams.list();
  const security = teams.find((tm) => tm.categories.includes('security') && tm.brandId === null) ?? teams.find((tm) => tm.categories.includes('security'));
  const starters: RuleInput[] = [
    {
      kind: 'trigger',
      name: t(lang, 'rules.starter.security_name'),
      conditions: { all: [{ field: 'event', operator: 'is', value: 'ticket.created' }, { field: 'category', operator: 'is', value: 'security' }] },
      actions: [
        { type: 'set_priority', value: 'urgent' },
        ...(security ? [{ type: 'set_team' as const, value: security.id }, { type: 'notify' as const, value: 'team' }] : []),
        { type: 'add_note', value: t(lang, 'rules.starter.security_note') },
      ],
    },
    {
      kind: 'automation',
      name: t(lang, 'rules.starter.close_name'),
      conditions: { all: [{ field: 'status', operator: 'is', value: 'solved' }, { field: 'hours_since_solved', operator: 'greater_than', value: 96 }] },
      actions: [{ type: 'set_status', value: 'closed' }],
    },
    {
      kind: 'automation',
      name: t(lang, 'rules.starter.remind_name'),
      conditions: {
        all: [
          { field: 'status', operator: 'is', value: 'pending' },
          { field: 'hours_since_updated', operator: 'greater_than', value: 72 },
          { field: 'tags', operator: 'not_contains', value: 'reminded-72h' },
        ],
      },
      actions: [
        { type: 'add_tags', value: ['reminded-72h'] },
        { type: 'notify', value: 'assignee' },
        { type: 'add_note', value: t(lang, 'rules.starter.remind_note') },
      ],
    },
  ];
  const existing = new Set((await deps.store.rules.list()).map((r) => r.name.toLowerCase()));
  const added: Rule[] = [];
  for (const s of starters) if (!existing.has(s.name.toLowerCase())) added.push(await createRule(deps, principal, s));
  return added;
}
