/** The only place that shapes JSON for the outside: domain objects in, API objects (snake_case) out. */
import type { DeskEvent } from '../core/event.js';
import type { Message } from '../core/message.js';
import type { Agent, Brand, Customer, Team } from '../core/people.js';
import type { Ticket } from '../core/ticket.js';
import type { ApiTokenRecord, Attachment } from '../app/ports.js';

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function presentTicket(t: Ticket, requester: Customer | null | undefined) {
  return {
    id: t.id,
    number: t.number,
    subject: t.subject,
    status: t.status,
    priority: t.priority,
    category: t.category,
    channel: t.channel,
    language: t.language,
    brand_id: t.brandId,
    requester: {
      id: t.requesterId,
      name: requester?.name ?? null,
      email: requester?.emails[0] ?? null,
      phone: requester?.phones[0] ?? null,
    },
    assignee_id: t.assigneeId,
    team_id: t.teamId,
    tags: t.tags,
    details: t.details,
    first_response_at: t.firstResponseAt,
    solved_at: t.solvedAt,
    closed_at: t.closedAt,
    merged_into_id: t.mergedIntoId,
    follow_up_of_id: t.followUpOfId,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}

export function presentAttachment(a: Attachment) {
  return { id: a.id, filename: a.filename, content_type: a.contentType, size: a.size, url: `/api/v1/attachments/${a.id}` };
}

export interface ChannelCheckJson {
  value: string;
  start: number;
  end: number;
  verdict: 'official' | 'lookalike' | 'unknown';
  brand_id: string | null;
  reason: { en: string; 'zh-CN': string };
}

/**
 * An agent's public reply that was never queued still says what happened to it (issue 19): on the help center it
 * waits on the status page; elsewhere nothing carried it (a phone ticket, e-mail without SMTP, a chat whose visitor
 * is gone). API tickets' replies are read through the API, so they have no state.
 */
function undeliveredState(m: Message) {
  if (!m.public || m.authorType !== 'agent' || m.channel === 'api') return null;
  return { status: m.channel === 'web' ? ('status_page' as const) : ('no_channel' as const), attempts: 0, error: null, at: m.createdAt };
}

export function presentMessage(m: Message, authorName: string | null, attachments: readonly Attachment[] = [], channelChecks: ChannelCheckJson[] = []) {
  return {
    id: m.id,
    body: m.body,
    body_html: m.bodyHtml,
    public: m.public,
    channel: m.channel,
    author: { type: m.authorType, id: m.authorId, name: authorName },
    attachments: attachments.map(presentAttachment),
    channel_checks: channelChecks,
    delivery: m.delivery ? { status: m.delivery.status, attempts: m.delivery.attempts, error: m.delivery.error, at: m.delivery.at } : undeliveredState(m),
    created_at: m.createdAt,
  };
}

export function presentEvent(e: DeskEvent) {
  return {
    id: e.id,
    type: e.type,
    at: e.at,
    actor: { type: e.actor.type, id: e.actor.id, via: e.actor.via ?? null },
    changes: Object.fromEntries(Object.entries(e.changes).map(([k, v]) => [snake(k), v])),
    data: e.data,
  };
}

export function presentBrand(b: Brand) {
  return {
    id: b.id,
    name: b.name,
    slug: b.slug,
    default_language: b.defaultLanguage,
    time_zone: b.timeZone,
    support_emails: b.supportEmails,
    phone_numbers: b.phoneNumbers,
    created_at: b.createdAt,
    updated_at: b.updatedAt,
  };
}

export function presentAgent(a: Agent) {
  return {
    id: a.id,
    email: a.email,
    name: a.name,
    role: a.role,
    languages: a.languages,
    brand_ids: a.brandIds,
    team_ids: a.teamIds,
    active: a.active,
    totp_enabled: a.totpEnabled,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

export function presentTeam(t: Team) {
  return { id: t.id, name: t.name, brand_id: t.brandId, categories: t.categories, member_ids: t.memberIds, created_at: t.createdAt, updated_at: t.updatedAt };
}

export function presentCustomer(c: Customer) {
  return {
    id: c.id,
    name: c.name,
    emails: c.emails,
    phones: c.phones,
    external_ids: c.externalIds.map((e) => ({ brand_id: e.brandId, external_id: e.externalId })),
    language: c.language,
    verification_level: c.verificationLevel,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    merged_into_id: c.mergedIntoId ?? null,
  };
}

export function presentToken(t: ApiTokenRecord) {
  return {
    id: t.id,
    agent_id: t.agentId,
    name: t.name,
    role: t.role,
    prefix: t.prefix,
    created_at: t.createdAt,
    last_used_at: t.lastUsedAt,
    revoked_at: t.revokedAt,
  };
}
