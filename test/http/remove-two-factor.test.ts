/**
 * Issue 19 over real HTTP, once per database: an admin removes the two-factor sign-in of an agent who lost their
 * phone. Every session of the agent ends, the agent signs in with the password alone (or is asked to enrol again
 * when the desk requires two-factor), the history names the admin, and the agent is told by e-mail through a real
 * SMTP relay when the desk sends mail. Agents cannot do it, an admin cannot do it to themselves, and an agent
 * without two-factor gets a clear 409.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { authenticator } from 'otplib';
import { emailSender, type EmailSender } from '../../src/channels/email/sender.js';
import { emailTokens } from '../../src/channels/email/tokens.js';
import { DIALECTS } from '../helpers/stores.js';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { drainJobs } from '../helpers/jobs.js';
import { startSmtpSink, type SmtpSink } from '../email/smtp-sink.js';

interface Signed {
  status: number;
  cookie: string;
  csrf: string;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

for (const dialect of DIALECTS) {
  describe(`an admin removes an agent's two-factor sign-in on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    let sink: SmtpSink;
    let sender: EmailSender;

    const signIn = async (email: string, totp?: string): Promise<Signed> => {
      const res = await api(desk, null, 'POST', '/api/v1/auth/login', { email, password: PASSWORD, ...(totp ? { totp } : {}) });
      return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: String(res.body.csrf_token ?? ''), body: res.body };
    };
    const as = (s: Signed) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
    /** Enrols the agent's "phone" through the API, as the agent would on the account page; returns the secret. */
    const enrol = async (email: string): Promise<string> => {
      const s = await signIn(email);
      assert.equal(s.status, 200, JSON.stringify(s.body));
      const setup = await api(desk, null, 'POST', '/api/v1/auth/totp/setup', undefined, as(s));
      assert.equal(setup.status, 200, JSON.stringify(setup.body));
      const secret = String(setup.body.secret);
      assert.equal((await api(desk, null, 'POST', '/api/v1/auth/totp/confirm', { code: authenticator.generate(secret) }, as(s))).status, 204);
      return secret;
    };
    const remove = (token: string | null, agentId: string, headers?: Record<string, string>) => api(desk, token, 'DELETE', `/api/v1/agents/${agentId}/two-factor`, undefined, headers);

    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
      sink = await startSmtpSink();
      sender = emailSender({ relay: sink.url, tokens: emailTokens('remove-2fa-test'), supportEmail: 'desk@default.example', files: desk.deps.files });
      desk.deps.senders = { email: sender };
    });
    after(async () => {
      sender.close();
      await sink.close();
      await desk.close();
    });

    test('ends every session of the agent, lets them in with the password, records the admin and e-mails the agent', async () => {
      const secret = await enrol('bob@desk.example');
      const phone = await signIn('bob@desk.example', authenticator.generate(secret));
      assert.equal(phone.status, 200, 'a second session, signed in with the code');
      assert.equal((await signIn('bob@desk.example')).status, 401, 'before: the password alone is not enough');

      const res = await remove(cast.tokens.admin, cast.agentB.id);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.agent.totp_enabled, false);
      assert.equal(res.body.agent.email, 'bob@desk.example');
      assert.ok(res.body.sessions_ended >= 2, `both sessions ended (${res.body.sessions_ended})`);
      assert.equal(res.body.mailed, true);

      assert.equal((await api(desk, null, 'GET', '/api/v1/auth/me', undefined, { cookie: phone.cookie })).status, 401, 'the session is gone');
      const listed = await api(desk, cast.tokens.admin, 'GET', `/api/v1/agents/${cast.agentB.id}`);
      assert.equal(listed.body.totp_enabled, false);
      const after = await signIn('bob@desk.example');
      assert.equal(after.status, 200, 'the password alone works again');
      assert.equal(after.body.must_enroll_two_factor, false);

      const events = await desk.deps.store.events.listForSubject('agent', cast.agentB.id, 50);
      const removed = events.filter((e) => e.type === 'agent.two_factor_disabled').at(-1);
      assert.ok(removed, 'a history entry');
      assert.equal(removed.actor.type, 'agent');
      assert.equal(removed.actor.id, cast.admin.id, 'naming the admin who did it');
      assert.equal((removed.data as Record<string, unknown>).removed_by_admin, cast.admin.id);
      assert.ok(!JSON.stringify(events).includes(secret), 'the old secret is in no history entry');

      assert.deepEqual((await drainJobs(desk.deps)).failures, []);
      const mail = sink.mails.filter((m) => m.to.includes('bob@desk.example') && /two-factor/i.test(m.parsed.subject ?? '')).at(-1);
      assert.ok(mail, 'the agent got a notice');
      assert.match(mail.parsed.text ?? '', /Ada Admin removed two-factor sign-in/);
      assert.match(mail.parsed.text ?? '', /tell your admin at once/);
    });

    test('a Chinese-speaking agent gets the notice in Chinese; when the desk requires two-factor they enrol again at sign-in', async () => {
      await enrol('li@desk.example');
      // The admin needs two-factor before the desk may require it (they would lock themselves out otherwise).
      await enrol('admin@desk.example');
      assert.equal((await api(desk, cast.tokens.admin, 'PATCH', '/api/v1/settings/security', { require_2fa: true })).status, 200);
      try {
        const res = await remove(cast.tokens.admin, cast.agentA.id);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        const back = await signIn('li@desk.example');
        assert.equal(back.status, 200);
        assert.equal(back.body.must_enroll_two_factor, true, 'asked to set up the new phone');
        assert.deepEqual((await drainJobs(desk.deps)).failures, []);
        const mail = sink.mails.filter((m) => m.to.includes('li@desk.example')).at(-1);
        assert.ok(mail);
        assert.match(mail.parsed.subject ?? '', /两步验证已被移除/);
        assert.match(mail.parsed.text ?? '', /Ada Admin 于 .+ 移除了/);
        assert.match(mail.parsed.text ?? '', /新设备上重新设置/);
      } finally {
        assert.equal((await api(desk, cast.tokens.admin, 'PATCH', '/api/v1/settings/security', { require_2fa: false })).status, 200);
      }
    });

    test('refused to agents and supervisors, to an admin for themselves, for an agent without two-factor, for an unknown agent', async () => {
      await enrol('sup@desk.example');
      const byAgent = await remove(cast.tokens.agentA, cast.supervisorA.id);
      assert.equal(byAgent.status, 403);
      const bySupervisor = await remove(cast.tokens.supervisorA, cast.agentB.id);
      assert.equal(bySupervisor.status, 403);
      const self = await remove(cast.tokens.admin, cast.admin.id);
      assert.equal(self.status, 403);
      assert.equal(self.body.error.details.reason, 'self');
      const none = await remove(cast.tokens.admin, cast.agentB.id);
      assert.equal(none.status, 409);
      assert.equal(none.body.error.details.reason, 'not_enabled');
      assert.equal((await remove(cast.tokens.admin, '01890000-0000-7000-8000-000000000000')).status, 404);
      assert.equal((await remove(null, cast.supervisorA.id)).status, 401);
      assert.equal((await api(desk, cast.tokens.admin, 'GET', `/api/v1/agents/${cast.supervisorA.id}`)).body.totp_enabled, true, 'nothing changed');
    });

    test('a desk that sends no e-mail still removes it, and says nobody was told', async () => {
      desk.deps.senders = {};
      try {
        const res = await remove(cast.tokens.admin, cast.supervisorA.id);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.mailed, false);
        const { ran } = await drainJobs(desk.deps);
        assert.ok(!ran.some((j) => j.type === 'agent.two_factor_removed_mail'), 'no mail job');
      } finally {
        desk.deps.senders = { email: sender };
      }
    });
  });
}
