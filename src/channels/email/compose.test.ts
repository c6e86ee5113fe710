import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '../../core/message.js';
import type { Brand, Customer } from '../../core/people.js';
import type { Ticket } from '../../core/ticket.js';
import { composeReply } from './compose.js';
import { emailTokens } from './tokens.js';

const at = '2026-12-08T06:00:00.000Z';
const brand: Brand = { id: 'b', name: 'Satoshi Wallet', slug: 'satoshi', defaultLanguage: 'en', timeZone: 'UTC', supportEmails: ['help@satoshi.example'], phoneNumbers: [], createdAt: at, updatedAt: at };
const requester: Customer = { id: 'c', name: null, emails: ['ann@example.com'], phones: [], externalIds: [], language: 'en', verificationLevel: 'unverified', createdAt: at, updatedAt: at };
const ticket = { id: '01960000-0000-7000-8000-000000000001', number: 7, brandId: 'b', subject: 'Stuck', language: 'en' } as Ticket;
const message = (meta: Record<string, unknown>): Message => ({
  id: '01960000-0000-7000-8000-0000000000aa',
  ticketId: ticket.id,
  authorType: meta.auto_submitted ? 'system' : 'agent',
  authorId: null,
  public: true,
  body: 'We got your message.',
  bodyHtml: null,
  channel: 'email',
  sourceId: null,
  meta,
  delivery: null,
  createdAt: at,
});
const ctx = { tokens: emailTokens('k'), supportEmail: null };

test("a rule's automatic reply says Auto-Submitted: auto-replied (RFC 3834); a person's reply does not", () => {
  const auto = composeReply({ brand, ticket, requester, message: message({ kind: 'rule_reply', auto_submitted: true }), thread: [], attachments: [] }, ctx);
  assert.equal(auto.headers['Auto-Submitted'], 'auto-replied');
  const person = composeReply({ brand, ticket, requester, message: message({}), thread: [], attachments: [] }, ctx);
  assert.equal(person.headers['Auto-Submitted'], undefined);
});
