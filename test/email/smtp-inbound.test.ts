import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DIALECTS } from '../helpers/stores.js';
import { mail, startEmailDesk, type EmailDesk } from './email-desk.js';

for (const dialect of DIALECTS) {
  describe(`inbound SMTP on ${dialect}`, () => {
    let desk: EmailDesk;
    before(async () => {
      desk = await startEmailDesk(dialect);
    });
    after(async () => desk.close());

    test('a mail to a support address opens a ticket and is answered 250 after it is stored', async () => {
      const reply = await desk.sendRaw(mail({ messageId: '<first@mail.example>' }));
      assert.match(reply, /^250 .*ticket #\d+/);
      const stored = await desk.store.messages.findBySource('email', '<first@mail.example>');
      assert.ok(stored);
      const ticket = await desk.store.tickets.get(stored.ticketId);
      assert.equal(ticket?.brandId, desk.brand.id);
      assert.equal(ticket?.channel, 'email');
      assert.equal(stored.body, 'My withdrawal has been pending for two days.');
    });
  });
}
