import { test } from 'node:test';
import assert from 'node:assert/strict';
import { twilioVoiceControl } from './twilio-rest.js';

function recorder(status = 200) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetchFn: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), init: init ?? {} });
    return new Response('{}', { status });
  };
  return { calls, fetchFn };
}

const options = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'secret-token-0123456789', apiUrl: 'https://api.twilio.com/', publicUrl: 'https://desk.example.com' };

test('dequeues the waiting member to the connect step, with basic auth', async () => {
  const { calls, fetchFn } = recorder();
  await twilioVoiceControl({ ...options, fetch: fetchFn }).connectToAgent({ callSid: 'CAabc', queueSid: 'QUdef', callId: 'c1', agentId: 'a1' });
  assert.equal(calls[0]!.url, 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Queues/QUdef/Members/CAabc.json');
  const headers = new Headers(calls[0]!.init.headers);
  assert.equal(headers.get('authorization'), `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`);
  const form = new URLSearchParams(String(calls[0]!.init.body));
  assert.equal(form.get('Url'), 'https://desk.example.com/hooks/voice/twilio/connect?agent=a1');
  assert.equal(form.get('Method'), 'POST');
});

test('without the queue\'s sid it redirects the live call instead', async () => {
  const { calls, fetchFn } = recorder();
  await twilioVoiceControl({ ...options, fetch: fetchFn }).connectToAgent({ callSid: 'CAabc', queueSid: null, callId: 'c1', agentId: 'a1' });
  assert.equal(calls[0]!.url, 'https://api.twilio.com/2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Calls/CAabc.json');
});

test('a refusal from the provider is an error the caller sees', async () => {
  const { fetchFn } = recorder(404);
  await assert.rejects(twilioVoiceControl({ ...options, fetch: fetchFn }).connectToAgent({ callSid: 'CAabc', queueSid: 'QU1', callId: 'c1', agentId: 'a1' }), /answered 404/);
});
