/**
 * Rules (issue 17): triggers that react to ticket events and automations checked on time, both as conditions
 * (`all` / `any` of field, operator, value) and typed actions applied in order. Pure: evaluation, validation and
 * Zendesk's nullify check live here; app/run-rules.ts applies actions to the store.
 */
import { invalid } from './errors.js';
import { CATEGORIES, CHANNELS, PRIORITIES, TICKET_STATUSES, type Ticket } from './ticket.js';

export const RULE_KINDS = ['trigger', 'automation'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** What a condition may look at: the event (triggers), the ticket, and hours since (automations). */
export const CONDITION_FIELDS = [
  'event',
  'message_author',
  'status',
  'priority',
  'category',
  'channel',
  'brand_id',
  'team_id',
  'assignee_id',
  'tags',
  'subject',
  'language',
  'hours_since_created',
  'hours_since_updated',
  'hours_since_solved',
] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];

export const OPERATORS = ['is', 'is_not', 'in', 'not_in', 'contains', 'not_contains', 'changed', 'changed_to', 'changed_from', 'greater_than', 'less_than'] as const;
export type Operator = (typeof OPERATORS)[number];

export const ACTION_TYPES = ['set_status', 'set_priority', 'set_category', 'set_team', 'set_assignee', 'add_tags', 'remove_tags', 'notify', 'add_note', 'send_reply', 'send_macro'] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** The events a trigger can react to (a closed list; see core/domain-events.ts). */
export const TRIGGER_EVENTS = ['ticket.created', 'message.added', 'ticket.updated', 'ticket.assigned', 'ticket.reopened', 'ticket.escalated'] as const;

/** Fields that exist only for triggers (the event) or only for automations (time). */
const EVENT_FIELDS: ReadonlySet<ConditionField> = new Set(['event', 'message_author']);
const TIME_FIELDS: ReadonlySet<ConditionField> = new Set(['hours_since_created', 'hours_since_updated', 'hours_since_solved']);
const CHANGE_OPERATORS: ReadonlySet<Operator> = new Set(['changed', 'changed_to', 'changed_from']);

export type ConditionValue = string | number | string[] | null;

export interface RuleCondition {
  field: ConditionField;
  operator: Operator;
  value?: ConditionValue;
}

export interface RuleConditions {
  all: RuleCondition[];
  any: RuleCondition[];
}

/**
 * One typed action. `value`: a status, priority, category, team id, agent id (null clears team or assignee), a
 * list of tags, a notify target ('assignee', 'team' or an agent id), the text of a note or public reply (with the
 * macros' placeholders), or a macro id (send_macro: the macro's reply in the ticket's language, and its note).
 */
export interface RuleAction {
  type: ActionType;
  value: string | string[] | null;
}

export interface Rule {
  id: string;
  kind: RuleKind;
  name: string;
  /** Null: every brand. */
  brandId: string | null;
  enabled: boolean;
  /** Rules run in ascending position (then name). */
  position: number;
  conditions: RuleConditions;
  actions: RuleAction[];
  createdAt: string;
  updatedAt: string;
}

/** The part of a ticket rules read and write. */
export type RuleTicket = Pick<
  Ticket,
  'status' | 'priority' | 'category' | 'channel' | 'brandId' | 'teamId' | 'assigneeId' | 'tags' | 'subject' | 'language' | 'createdAt' | 'updatedAt' | 'solvedAt'
>;

/** What a condition is evaluated against: the ticket now, the event (triggers) and the time (automations). */
export interface RuleFacts {
  ticket: RuleTicket;
  event?: { type: string; changes: Record<string, [unknown, unknown]>; authorType?: string | null };
  now?: Date;
}

/** The key of a field in an event's `changes` (the history stores the ticket's property names). */
const CHANGE_KEY: Partial<Record<ConditionField, string>> = {
  status: 'status',
  priority: 'priority',
  category: 'category',
  team_id: 'teamId',
  assignee_id: 'assigneeId',
  tags: 'tags',
  subject: 'subject',
};

function hoursSince(at: string | null, now: Date | undefined): number | null {
  if (!at || !now) return null;
  return (now.getTime() - new Date(at).getTime()) / 3_600_000;
}

function fieldValue(field: ConditionField, facts: RuleFacts): unknown {
  const t = facts.ticket;
  switch (field) {
    case 'event':
      return facts.event?.type ?? null;
    case 'message_author':
      return facts.event?.authorType ?? null;
    case 'status':
      return t.status;
    case 'priority':
      return t.priority;
    case 'category':
      return t.category;
    case 'channel':
      return t.channel;
    case 'brand_id':
      return t.brandId;
    case 'team_id':
      return t.teamId;
    case 'assignee_id':
      return t.assigneeId;
    case 'tags':
      return t.tags;
    case 'subject':
      return t.subject;
    case 'language':
      return t.language;
    case 'hours_since_created':
      return hoursSince(t.createdAt, facts.now);
    case 'hours_since_updated':
      return hoursSince(t.updatedAt, facts.now);
    case 'hours_since_solved':
      return hoursSince(t.solvedAt, facts.now);
  }
}

const list = (v: ConditionValue | undefined): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const same = (a: unknown, b: unknown): boolean => (a ?? null) === (b ?? null);

/** True when one condition holds for these facts. */
export function conditionHolds(c: RuleCondition, facts: RuleFacts): boolean {
  if (CHANGE_OPERATORS.has(c.operator)) {
    const key = CHANGE_KEY[c.field];
    const change = key ? facts.event?.changes[key] : undefined;
    if (!change) return false;
    if (c.operator === 'changed') return true;
    return same(change[c.operator === 'changed_to' ? 1 : 0], c.value);
  }
  const v = fieldValue(c.field, facts);
  if (c.field === 'tags') {
    const tags = (v as string[]).map((x) => x.toLowerCase());
    const wanted = list(c.value).map((x) => String(x).toLowerCase());
    const has = wanted.some((w) => tags.includes(w));
    if (c.operator === 'contains' || c.operator === 'is' || c.operator === 'in') return has;
    if (c.operator === 'not_contains' || c.operator === 'is_not' || c.operator === 'not_in') return !has;
    return false;
  }
  switch (c.operator) {
    case 'is':
      return same(v, c.value);
    case 'is_not':
      return !same(v, c.value);
    case 'in':
      return list(c.value).some((x) => same(v, x));
    case 'not_in':
      return !list(c.value).some((x) => same(v, x));
    case 'contains':
      return typeof v === 'string' && v.toLowerCase().includes(String(c.value ?? '').toLowerCase());
    case 'not_contains':
      return typeof v === 'string' && !v.toLowerCase().includes(String(c.value ?? '').toLowerCase());
    case 'greater_than':
      return typeof v === 'number' && v > Number(c.value);
    case 'less_than':
      return typeof v === 'number' && v < Number(c.value);
    default:
      return false;
  }
}

/** All of `all` and (when `any` is not empty) one of `any`. */
export function conditionsMatch(conditions: RuleConditions, facts: RuleFacts): boolean {
  return conditions.all.every((c) => conditionHolds(c, facts)) && (conditions.any.length === 0 || conditions.any.some((c) => conditionHolds(c, facts)));
}

/** The ticket as the field actions would leave it (notes, replies and notifications change no field). */
export function afterActions<T extends RuleTicket>(ticket: T, actions: readonly RuleAction[]): T {
  const next = { ...ticket, tags: [...ticket.tags] };
  for (const a of actions) {
    const v = a.value;
    if (a.type === 'set_status') next.status = v as T['status'];
    else if (a.type === 'set_priority') next.priority = v as T['priority'];
    else if (a.type === 'set_category') next.category = v as T['category'];
    else if (a.type === 'set_team') next.teamId = (v as string | null) ?? null;
    else if (a.type === 'set_assignee') next.assigneeId = (v as string | null) ?? null;
    else if (a.type === 'add_tags') {
      for (const tag of v as string[]) if (!next.tags.includes(tag.toLowerCase())) next.tags.push(tag.toLowerCase());
    } else if (a.type === 'remove_tags') next.tags = next.tags.filter((x) => !(v as string[]).map((s) => s.toLowerCase()).includes(x));
  }
  return next;
}

const FIELD_OF_ACTION: Partial<Record<ActionType, ConditionField>> = {
  set_status: 'status',
  set_priority: 'priority',
  set_category: 'category',
  set_team: 'team_id',
  set_assignee: 'assignee_id',
  add_tags: 'tags',
  remove_tags: 'tags',
};

/**
 * Zendesk's nullify rule for automations: some `all` condition must be made false by the automation's own
 * actions, or it would match the same ticket again at every check. Returns that condition, or null.
 */
export function nullifyingCondition(conditions: RuleConditions, actions: readonly RuleAction[]): RuleCondition | null {
  const touched = new Set(actions.map((a) => FIELD_OF_ACTION[a.type]).filter(Boolean));
  for (const c of conditions.all) {
    if (!touched.has(c.field)) continue;
    // A ticket for which the condition holds (tags: one that has or lacks the named tag), then the actions.
    const tags = c.operator === 'contains' || c.operator === 'is' || c.operator === 'in' ? list(c.value).map(String) : [];
    const before: RuleTicket = {
      status: 'open',
      priority: 'normal',
      category: 'other',
      channel: 'web',
      brandId: '',
      teamId: null,
      assigneeId: null,
      tags,
      subject: '',
      language: null,
      createdAt: '',
      updatedAt: '',
      solvedAt: null,
    };
    if (!conditionHolds(c, { ticket: afterActions(before, actions) })) return c;
  }
  return null;
}

const ALLOWED: Partial<Record<ConditionField, readonly string[]>> = {
  event: TRIGGER_EVENTS,
  message_author: ['customer', 'agent', 'system'],
  status: TICKET_STATUSES,
  priority: PRIORITIES,
  category: CATEGORIES,
  channel: CHANNELS,
};

const ACTION_VALUES: Partial<Record<ActionType, readonly string[]>> = {
  set_status: TICKET_STATUSES,
  set_priority: PRIORITIES,
  set_category: CATEGORIES,
};

/** Longest text of a note or reply a rule may carry. */
export const MAX_RULE_TEXT = 5000;

/**
 * Checks a rule's shape for its kind (throws invalid_input naming the part): known values for closed sets,
 * event fields and change operators only in triggers, time fields only in automations, at least one action,
 * and for automations at least one time condition and a nullifying condition.
 */
export function validateRule(kind: RuleKind, conditions: RuleConditions, actions: readonly RuleAction[]): void {
  const all = [...conditions.all, ...conditions.any];
  if (all.length === 0) throw invalid('A rule needs at least one condition.', { field: 'conditions' });
  if (actions.length === 0) throw invalid('A rule needs at least one action.', { field: 'actions' });
  for (const [i, c] of all.entries()) {
    const where = `conditions[${i}] (${c.field} ${c.operator})`;
    if (kind === 'automation' && (EVENT_FIELDS.has(c.field) || CHANGE_OPERATORS.has(c.operator))) {
      throw invalid(`${where}: automations run on time, not on events; use a trigger for events and changes.`, { field: 'conditions' });
    }
    if (kind === 'trigger' && TIME_FIELDS.has(c.field)) {
      throw invalid(`${where}: hours since … are for automations, which are checked on time.`, { field: 'conditions' });
    }
    if (CHANGE_OPERATORS.has(c.operator) && !CHANGE_KEY[c.field]) throw invalid(`${where}: this field has no changes to watch.`, { field: 'conditions' });
    if (TIME_FIELDS.has(c.field)) {
      if (c.operator !== 'greater_than' && c.operator !== 'less_than') throw invalid(`${where}: compare hours with greater_than or less_than.`, { field: 'conditions' });
      if (typeof c.value !== 'number' || !Number.isFinite(c.value) || c.value < 0) throw invalid(`${where}: the value is a number of hours.`, { field: 'conditions' });
      continue;
    }
    if (c.operator === 'greater_than' || c.operator === 'less_than') throw invalid(`${where}: only hours can be compared.`, { field: 'conditions' });
    const allowed = ALLOWED[c.field];
    if (allowed && c.operator !== 'changed') {
      for (const v of list(c.value)) {
        if (!allowed.includes(String(v))) throw invalid(`${where}: "${String(v)}" is not one of ${allowed.join(', ')}.`, { field: 'conditions' });
      }
    }
    if ((c.operator === 'in' || c.operator === 'not_in') && !Array.isArray(c.value)) throw invalid(`${where}: the value is a list.`, { field: 'conditions' });
  }
  for (const [i, a] of actions.entries()) {
    const where = `actions[${i}] (${a.type})`;
    const allowed = ACTION_VALUES[a.type];
    if (allowed && !allowed.includes(String(a.value))) throw invalid(`${where}: "${String(a.value)}" is not one of ${allowed.join(', ')}.`, { field: 'actions' });
    if ((a.type === 'add_tags' || a.type === 'remove_tags') && (!Array.isArray(a.value) || a.value.length === 0)) throw invalid(`${where}: name the tags as a list.`, { field: 'actions' });
    if ((a.type === 'add_note' || a.type === 'send_reply') && (typeof a.value !== 'string' || a.value.trim() === '' || a.value.length > MAX_RULE_TEXT)) {
      throw invalid(`${where}: the text is empty or longer than ${MAX_RULE_TEXT} characters.`, { field: 'actions' });
    }
    if (a.type === 'send_macro' && (typeof a.value !== 'string' || a.value === '')) throw invalid(`${where}: name the macro by its id.`, { field: 'actions' });
    if (a.type === 'notify' && (typeof a.value !== 'string' || a.value === '')) throw invalid(`${where}: notify 'assignee', 'team' or an agent id.`, { field: 'actions' });
  }
  if (kind === 'automation') {
    if (!all.some((c) => TIME_FIELDS.has(c.field))) throw invalid('An automation needs a condition on hours since created, updated or solved.', { field: 'conditions' });
    if (!nullifyingCondition(conditions, actions)) {
      throw invalid(
        'An automation must have a condition that its own actions make false (e.g. "status is solved" with "set status closed", or "tags do not contain reminded" with "add tag reminded"); otherwise it would act on the same ticket at every check.',
        { field: 'conditions', rule: 'nullify' },
      );
    }
  }
}
