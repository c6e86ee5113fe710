import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emailTokens, replySubject, subjectTicketNumbers } from './tokens.js';

const TICKET = '01960000-0000-7000-8000-000000000001';

test('our Message-IDs carry the ticket and are refused when forged or signed with another key', () => {
  const tokens = emailTokens('secret-a');
  const id = tokens.messageId(TICKET, '01960000-0000-7000-8000-0000000000aa', 'satoshi.example');
  assert.match(id, /^<wd\.[0-9a-f-]{36}\.[0-9a-f-]{36}\.[0-9a-f]{16}@satoshi\.example>$/);
  assert.equal(tokens.ticketOfMessageId(id), TICKET);
  assert.equal(tokens.ticketOfMessageId(id.slice(1, -1)), TICKET, 'brackets are optional');
  assert.equal(emailTokens('secret-b').ticketOfMessageId(id), null);
  assert.equal(tokens.ticketOfMessageId(id.replace(TICKET, '01960000-0000-7000-8000-000000000002')), null);
  assert.equal(tokens.ticketOfMessageId('<CAHx3P0q@mail.gmail.com>'), null);
});

test('the same message gets the same Message-ID on every retry', () => {
  const tokens = emailTokens('k');
  assert.equal(tokens.messageId(TICKET, 'm1', 'x.example'), tokens.messageId(TICKET, 'm1', 'x.example'));
  assert.notEqual(tokens.messageId(TICKET, 'm1', 'x.example'), tokens.messageId(TICKET, 'm2', 'x.example'));
});

test('reply addresses are signed plus-addresses; a guessed tag does not verify', () => {
  const tokens = emailTokens('k');
  const address = tokens.replyAddress('help@satoshi.example', 1234);
  assert.match(address, /^help\+t1234\.[0-9a-f]{12}@satoshi\.example$/);
  assert.equal(tokens.ticketNumberOfAddress(address), 1234);
  assert.equal(tokens.ticketNumberOfAddress(address.toUpperCase()), 1234, 'servers may change the case');
  assert.equal(tokens.ticketNumberOfAddress('help+t1234.000000000000@satoshi.example'), null);
  assert.equal(tokens.ticketNumberOfAddress(address.replace('t1234', 't1235')), null);
  assert.equal(tokens.ticketNumberOfAddress('help@satoshi.example'), null);
});

test('only [#n] is our subject token; other desks’ tokens are neither read nor removed', () => {
  assert.deepEqual(subjectTicketNumbers('Re: [#1001] help [Zendesk #55] [#AB-12] [Ticket#2024010112] [#1002]'), [1001, 1002]);
  assert.equal(replySubject('Help [Case 00123]', 1001), 'Re: Help [Case 00123] [#1001]');
  assert.equal(replySubject('Re: Help [#1001]', 1001), 'Re: Help [#1001]');
  assert.equal(replySubject('回复：提币未到账', 1001), '回复：提币未到账 [#1001]');
  assert.equal(replySubject('', 7), 'Re: … [#7]');
});
