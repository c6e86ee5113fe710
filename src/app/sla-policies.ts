/**
 * SLA policies (admins): create, change, switch off, delete and reorder. Every change recomputes the clocks of
 * open tickets in a job (`sla.recompute`), so a longer target, a switched-off or deleted policy never leaves a
 * ticket with an old deadline or an escalation it no longer deserves (Zammad #4353).
 */
import { invalid, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { actorOf, assertAdmin, canSeeBrand, type Principal } from '../core/policy.js';
import { DEFAULT_PAUSED_BY, NO_ESCALATION, SLA_METRICS, type SlaConditions, type SlaEscalation, type SlaMetric, type SlaPolicy, type SlaTarget } from '../core/sla.js';
import { PRIORITIES, type Priority, type TicketStatus } from '../core/ticket.js';
import { historyEvent } from './history.js';
import type { Deps, Repos } from './ports.js';
import type { SlaPolicyPatch } from './sla-ports.js';
import { queueSlaRecompute } from './sla-jobs.js';

/** What a client sends (the API's snake_case body). */
export interface SlaPolicyInput {
  name: string;
  brand_id?: string | null;
  conditions: SlaConditions;
  targets: Partial<Record<Priority, SlaTarget>>;
  enabled?: boolean;
  paused_by?: Partial<Record<SlaMetric, TicketStatus[]>>;
  escalation?: Partial<SlaEscalation>;
}

type PolicyDeps = Pick<Deps, 'store' | 'clock' | 'jobsNudge' | 'slaPolicies'>;

const MAX_TARGET_S = 366 * 86_400;

async function checkInput(tx: Repos, principal: Principal, input: Partial<SlaPolicyInput>): Promise<void> {
  if (input.name !== undefined && input.name.trim() === '') throw invalid('A policy needs a name.', { field: 'name' });
  if (input.brand_id) {
    if (!canSeeBrand(principal, input.brand_id) || !(await tx.brands.get(input.brand_id))) throw invalid('This brand does not exist.', { field: 'brand_id' });
  }
  if (input.targets !== undefined) {
    const entries = Object.entries(input.targets);
    if (entries.length === 0) throw invalid('Give targets for at least one priority.', { field: 'targets' });
    for (const [priority, t] of entries) {
      if (!(PRIORITIES as readonly string[]).includes(priority)) throw invalid(`"${priority}" is not a priority; use ${PRIORITIES.join(', ')}.`, { field: 'targets' });
      const values = [t!.first_reply_s, t!.next_reply_s, t!.resolution_s];
      if (values.every((v) => v === null)) throw invalid(`The ${priority} targets are all empty.`, { field: 'targets' });
      for (const v of values) {
        if (v !== null && (!Number.isInteger(v) || v < 1 || v > MAX_TARGET_S)) throw invalid('A target is a whole number of seconds, from 1 to a year.', { field: 'targets' });
      }
    }
  }
  const steps = [input.escalation?.on_warning, input.escalation?.on_breach];
  for (const step of steps) {
    if (step?.team_id && !(await tx.teams.get(step.team_id))) throw invalid('The escalation team does not exist.', { field: 'escalation' });
  }
  const warn = input.escalation?.warn_before_s;
  if (warn !== undefined && warn !== null && (!Number.isInteger(warn) || warn < 1 || warn > MAX_TARGET_S)) throw invalid('warn_before_s is a whole number of seconds.', { field: 'escalation' });
}

const pausedBy = (p: SlaPolicyInput['paused_by'], base: Record<SlaMetric, TicketStatus[]>) =>
  Object.fromEntries(SLA_METRICS.map((m) => [m, p?.[m] ?? base[m]])) as Record<SlaMetric, TicketStatus[]>;
const escalation = (e: SlaPolicyInput['escalation'], base: SlaEscalation): SlaEscalation => ({
  warn_before_s: e?.warn_before_s !== undefined ? e.warn_before_s : base.warn_before_s,
  on_warning: { ...base.on_warning, ...e?.on_warning },
  on_breach: { ...base.on_breach, ...e?.on_breach },
});

function assertPolicyVisible(principal: Principal, policy: SlaPolicy | null): SlaPolicy {
  if (!policy || (policy.brandId !== null && !canSeeBrand(principal, policy.brandId))) throw notFound('SLA policy');
  return policy;
}

/** Every policy, in the order they are tried (admins). */
export async function listSlaPolicies(deps: Pick<Deps, 'store'>, principal: Principal): Promise<SlaPolicy[]> {
  assertAdmin(principal);
  return (await deps.store.sla.listPolicies()).filter((p) => p.brandId === null || canSeeBrand(principal, p.brandId));
}

async function change<T>(deps: PolicyDeps, fn: (tx: Repos, at: string) => Promise<T>): Promise<T> {
  const at = deps.clock.now().toISOString();
  const result = await deps.store.transaction(async (tx) => {
    const out = await fn(tx, at);
    await queueSlaRecompute(tx, null, at);
    return out;
  });
  await deps.slaPolicies?.refresh().catch(() => undefined);
  deps.jobsNudge?.();
  return result;
}

/** Adds a policy at the end of the list (or at `position`). */
export async function createSlaPolicy(deps: PolicyDeps, principal: Principal, input: SlaPolicyInput): Promise<SlaPolicy> {
  assertAdmin(principal);
  return change(deps, async (tx, at) => {
    await checkInput(tx, principal, input);
    const existing = await tx.sla.listPolicies();
    const policy: SlaPolicy = {
      id: newId(),
      name: input.name.trim(),
      brandId: input.brand_id ?? null,
      position: existing.reduce((max, p) => Math.max(max, p.position), 0) + 1,
      enabled: input.enabled ?? true,
      conditions: input.conditions,
      targets: input.targets,
      pausedBy: pausedBy(input.paused_by, DEFAULT_PAUSED_BY),
      escalation: escalation(input.escalation, NO_ESCALATION),
      createdAt: at,
      updatedAt: at,
    };
    await tx.sla.insertPolicy(policy);
    await tx.events.append([historyEvent({ type: 'sla_policy.created', actor: actorOf(principal), at, subjectType: 'settings', subjectId: policy.id, data: { name: policy.name } })]);
    return policy;
  });
}

/** Changes a policy; `enabled: false` switches it off. */
export async function updateSlaPolicy(deps: PolicyDeps, principal: Principal, id: string, input: Partial<SlaPolicyInput>): Promise<SlaPolicy> {
  assertAdmin(principal);
  return change(deps, async (tx, at) => {
    const before = assertPolicyVisible(principal, await tx.sla.getPolicy(id));
    await checkInput(tx, principal, input);
    const patch: SlaPolicyPatch = {
      ...(input.name !== undefined && { name: input.name.trim() }),
      ...(input.brand_id !== undefined && { brandId: input.brand_id }),
      ...(input.enabled !== undefined && { enabled: input.enabled }),
      ...(input.conditions !== undefined && { conditions: input.conditions }),
      ...(input.targets !== undefined && { targets: input.targets }),
      ...(input.paused_by !== undefined && { pausedBy: pausedBy(input.paused_by, before.pausedBy) }),
      ...(input.escalation !== undefined && { escalation: escalation(input.escalation, before.escalation) }),
    };
    await tx.sla.updatePolicy(id, patch, at);
    await tx.events.append([
      historyEvent({ type: 'sla_policy.updated', actor: actorOf(principal), at, subjectType: 'settings', subjectId: id, data: { fields: Object.keys(patch) } }),
    ]);
    return (await tx.sla.getPolicy(id))!;
  });
}

/** Deletes a policy; its tickets' clocks are recomputed (another policy may apply, or none). */
export async function deleteSlaPolicy(deps: PolicyDeps, principal: Principal, id: string): Promise<void> {
  assertAdmin(principal);
  await change(deps, async (tx, at) => {
    const policy = assertPolicyVisible(principal, await tx.sla.getPolicy(id));
    await tx.sla.deletePolicy(id);
    await tx.events.append([historyEvent({ type: 'sla_policy.deleted', actor: actorOf(principal), at, subjectType: 'settings', subjectId: id, data: { name: policy.name } })]);
  });
}

/** Sets the order in which policies are tried: `ids` lists every visible policy once, first tried first. */
export async function reorderSlaPolicies(deps: PolicyDeps, principal: Principal, ids: readonly string[]): Promise<SlaPolicy[]> {
  assertAdmin(principal);
  return change(deps, async (tx, at) => {
    const all = await tx.sla.listPolicies();
    const visible = all.filter((p) => p.brandId === null || canSeeBrand(principal, p.brandId));
    if (new Set(ids).size !== ids.length || ids.length !== visible.length || !visible.every((p) => ids.includes(p.id))) {
      throw invalid('List every policy exactly once, in the new order.', { field: 'ids' });
    }
    for (const [i, id] of ids.entries()) await tx.sla.updatePolicy(id, { position: i + 1 }, at);
    await tx.events.append([historyEvent({ type: 'sla_policy.updated', actor: actorOf(principal), at, subjectType: 'settings', subjectId: 'sla_policy_order', data: { ids: [...ids] } })]);
    return tx.sla.listPolicies();
  });
}
