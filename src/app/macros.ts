/**
 * Macros (issue 17): canned replies in zh-CN and English with placeholders, an optional internal note and
 * ticket actions. Shared macros are for everyone (supervisors and admins write them), team macros for a team's
 * members, personal ones for their owner. Applying one renders the reply in the conversation's language, runs
 * it through the outbound guard like any reply, sends it, adds the note, applies the actions and counts the use.
 */
import { forbidden, invalid, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { MAX_MESSAGE_CHARS } from '../core/message.js';
import { canSeeBrand, isAdmin, type Principal } from '../core/policy.js';
import { roleAtLeast } from '../core/people.js';
import { CATEGORIES, PRIORITIES, TICKET_STATUSES, type Ticket } from '../core/ticket.js';
import type { Language } from '../i18n/index.js';
import { addAgentMessage } from './add-agent-message.js';
import { guardOutbound } from './guard-outbound.js';
import { MACRO_SCOPES, type ArticleLocale, type Macro, type MacroActions, type MacroScope } from './kb-ports.js';
import type { Deps } from './ports.js';
import { renderMacro } from './macro-text.js';

export { fillPlaceholders, renderMacro, ruleMayUseMacro, ticketLanguage, type RenderDeps } from './macro-text.js';
import { loadVisibleTicket } from './ticket-access.js';
import { updateTicket, type TicketChanges } from './update-ticket.js';

export interface MacroInput {
  title: string;
  body: string;
  /** The reply per language; `body` is used for a language without one. */
  bodies?: Partial<Record<ArticleLocale, string>>;
  note?: string | null;
  actions?: MacroActions;
  scope?: MacroScope;
  team_id?: string | null;
  brand_id?: string | null;
  active?: boolean;
}

/** The placeholders a macro's text may use. */
export const MACRO_PLACEHOLDERS = ['customer_name', 'ticket_number', 'missing_details', 'chain_status', 'chain_status:<txid>'] as const;

function checkText(value: string, field: string, max: number): string {
  const v = value.trim();
  if (v === '' || v.length > max) throw invalid(`${field} must be 1 to ${max} characters.`, { field });
  return v;
}

function checkActions(a: MacroActions | undefined): MacroActions {
  const out: MacroActions = {};
  if (!a) return out;
  if (a.status !== undefined) {
    if (!(TICKET_STATUSES as readonly string[]).includes(a.status) || a.status === 'new') throw invalid('actions.status is not a status a reply can set.', { field: 'actions.status' });
    out.status = a.status;
  }
  if (a.priority !== undefined) {
    if (!(PRIORITIES as readonly string[]).includes(a.priority)) throw invalid('actions.priority is not a priority.', { field: 'actions.priority' });
    out.priority = a.priority;
  }
  if (a.category !== undefined) {
    if (!(CATEGORIES as readonly string[]).includes(a.category)) throw invalid('actions.category is not a category.', { field: 'actions.category' });
    out.category = a.category;
  }
  if (a.add_tags !== undefined) out.add_tags = [...a.add_tags];
  if (a.team_id !== undefined) out.team_id = a.team_id;
  if (a.assignee_id !== undefined) out.assignee_id = a.assignee_id;
  return out;
}

async function teamIdsOf(deps: Pick<Deps, 'store'>, principal: Principal): Promise<string[]> {
  return (await deps.store.agents.get(principal.agentId))?.teamIds ?? [];
}

/** Whether the principal may use (see and apply) this macro. */
function canUse(principal: Principal, teams: readonly string[], m: Macro): boolean {
  if (m.brandId && !canSeeBrand(principal, m.brandId)) return false;
  if (m.scope === 'personal') return m.ownerId === principal.agentId;
  if (m.scope === 'team') return isAdmin(principal) || (m.teamId !== null && teams.includes(m.teamId));
  return true;
}

/** Whether the principal may change it: its owner, or a supervisor or admin for shared and team macros. */
function canEdit(principal: Principal, m: Pick<Macro, 'scope' | 'ownerId'>): boolean {
  if (m.scope === 'personal') return m.ownerId === principal.agentId;
  return roleAtLeast(principal.role, 'supervisor');
}

async function checkScope(deps: Pick<Deps, 'store'>, principal: Principal, input: MacroInput, scope: MacroScope): Promise<void> {
  if (!MACRO_SCOPES.includes(scope)) throw invalid(`scope is one of ${MACRO_SCOPES.join(', ')}.`, { field: 'scope' });
  if (scope !== 'personal' && !roleAtLeast(principal.role, 'supervisor')) throw forbidden('Only a supervisor or an admin can write shared or team macros. Save it as a personal macro.');
  if (scope === 'team') {
    if (!input.team_id) throw invalid('A team macro names its team (team_id).', { field: 'team_id' });
    if (!(await deps.store.teams.get(input.team_id))) throw invalid('That team does not exist.', { field: 'team_id' });
  }
  if (input.brand_id && !canSeeBrand(principal, input.brand_id)) throw forbidden('You do not work for this brand.');
}

function cleanBodies(bodies: MacroInput['bodies']): Partial<Record<ArticleLocale, string>> {
  const out: Partial<Record<ArticleLocale, string>> = {};
  for (const [k, v] of Object.entries(bodies ?? {})) {
    if (k !== 'en' && k !== 'zh-CN') throw invalid('bodies has a text per language: "zh-CN" and "en".', { field: 'bodies' });
    if (typeof v === 'string' && v.trim() !== '') out[k] = checkText(v, `bodies.${k}`, MAX_MESSAGE_CHARS);
  }
  return out;
}

/** Creates a macro: personal by default for agents, shared for supervisors and admins. */
export async function createMacro(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, input: MacroInput): Promise<Macro> {
  const scope = input.scope ?? (roleAtLeast(principal.role, 'supervisor') ? 'shared' : 'personal');
  await checkScope(deps, principal, input, scope);
  const at = deps.clock.now().toISOString();
  const macro: Macro = {
    id: newId(),
    scope,
    teamId: scope === 'team' ? (input.team_id ?? null) : null,
    ownerId: scope === 'personal' ? principal.agentId : null,
    brandId: input.brand_id ?? null,
    title: checkText(input.title, 'title', 200),
    body: checkText(input.body, 'body', MAX_MESSAGE_CHARS),
    bodies: cleanBodies(input.bodies),
    note: input.note ? checkText(input.note, 'note', MAX_MESSAGE_CHARS) : null,
    actions: checkActions(input.actions),
    starterKey: null,
    active: input.active ?? true,
    usageCount: 0,
    lastUsedAt: null,
    createdBy: principal.agentId,
    createdAt: at,
    updatedAt: at,
  };
  await deps.store.macros.insert(macro);
  return macro;
}

/** Changes a macro (its owner, or a supervisor or admin for shared and team macros). */
export async function updateMacro(deps: Pick<Deps, 'store' | 'clock'>, principal: Principal, id: string, input: Partial<MacroInput>): Promise<Macro> {
  const current = await deps.store.macros.get(id);
  const teams = await teamIdsOf(deps, principal);
  if (!current || !canUse(principal, teams, current)) throw notFound('Macro');
  if (!canEdit(principal, current)) throw forbidden('Only a supervisor or an admin can change a shared or team macro.');
  const scope = input.scope ?? current.scope;
  const merged: MacroInput = {
    title: input.title ?? current.title,
    body: input.body ?? current.body,
    bodies: input.bodies ?? current.bodies,
    note: input.note !== undefined ? input.note : current.note,
    actions: input.actions ?? current.actions,
    scope,
    team_id: input.team_id !== undefined ? input.team_id : current.teamId,
    brand_id: input.brand_id !== undefined ? input.brand_id : current.brandId,
  };
  await checkScope(deps, principal, merged, scope);
  const next: Macro = {
    ...current,
    scope,
    teamId: scope === 'team' ? (merged.team_id ?? null) : null,
    ownerId: scope === 'personal' ? (current.ownerId ?? principal.agentId) : null,
    brandId: merged.brand_id ?? null,
    title: checkText(merged.title, 'title', 200),
    body: checkText(merged.body, 'body', MAX_MESSAGE_CHARS),
    bodies: cleanBodies(merged.bodies),
    note: merged.note ? checkText(merged.note, 'note', MAX_MESSAGE_CHARS) : null,
    actions: checkActions(merged.actions),
    active: input.active ?? current.active,
    updatedAt: deps.clock.now().toISOString(),
  };
  await deps.store.macros.update(next);
  return next;
}

/** The macros the principal may use, optionally only those whose title or text contains `q`. */
export async function listMacros(deps: Pick<Deps, 'store'>, principal: Principal, filter: { q?: string; includeInactive?: boolean } = {}): Promise<Macro[]> {
  const teams = await teamIdsOf(deps, principal);
  const q = filter.q?.trim().toLowerCase();
  return (await deps.store.macros.list()).filter(
    (m) =>
      (filter.includeInactive || m.active) &&
      canUse(principal, teams, m) &&
      (!q || [m.title, m.body, ...Object.values(m.bodies)].some((s) => (s ?? '').toLowerCase().includes(q))),
  );
}

export interface MacroApplication {
  text: string;
  note: string | null;
  locale: Language;
  actions: MacroActions;
  /** Set when the macro was applied (not a preview). */
  messageId: string | null;
  ticket: Ticket;
}

/**
 * Applies a macro to a ticket, or only renders it (`preview`). `body` replaces the rendered text when the agent
 * edited it in the composer (placeholders in it are filled in too). The reply goes through the outbound guard
 * before anything changes; then the actions, the reply (with the macro's status), the note, the use count.
 */
export async function applyMacro(
  deps: Pick<Deps, 'store' | 'clock' | 'bus' | 'jobsNudge' | 'senders' | 'chain'>,
  principal: Principal,
  ticketRef: string,
  macroId: string,
  options: { preview: boolean; body?: string },
): Promise<MacroApplication> {
  const ticket = await loadVisibleTicket(deps.store, principal, ticketRef);
  const macro = await deps.store.macros.get(macroId);
  if (!macro || !macro.active || !canUse(principal, await teamIdsOf(deps, principal), macro)) throw notFound('Macro');
  if (macro.brandId && macro.brandId !== ticket.brandId) throw invalid('This macro is for another brand.', { field: 'macro_id' });
  const { text, locale } = await renderMacro(deps, macro, ticket, options.body);
  if (options.preview) return { text, note: macro.note, locale, actions: macro.actions, messageId: null, ticket };

  await guardOutbound(deps, principal, ticket.id, text);
  if (macro.note) await guardOutbound(deps, principal, ticket.id, macro.note);
  const { status, priority, category, add_tags, team_id, assignee_id } = macro.actions;
  const changes: TicketChanges = {
    ...(priority ? { priority } : {}),
    ...(category ? { category } : {}),
    ...(add_tags?.length ? { addTags: add_tags } : {}),
    ...(team_id !== undefined ? { teamId: team_id } : {}),
    ...(assignee_id !== undefined ? { assigneeId: assignee_id } : {}),
  };
  if (Object.keys(changes).length) await updateTicket(deps, principal, ticket.id, changes);
  const reply = await addAgentMessage(deps, principal, ticket.id, { body: text, public: true, ...(status ? { status } : {}) });
  if (macro.note) await addAgentMessage(deps, principal, ticket.id, { body: macro.note, public: false });
  await deps.store.macros.recordUse({ id: newId(), macroId: macro.id, ticketId: ticket.id, agentId: principal.agentId, at: deps.clock.now().toISOString() });
  return { text, note: macro.note, locale, actions: macro.actions, messageId: reply.message.id, ticket: reply.ticket };
}
