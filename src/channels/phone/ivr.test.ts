import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CallTurn, IvrStep } from './handle-call.js';
import { DEFAULT_PHONE_SETTINGS } from './phone-settings.js';
import { agentClientIdentity, queueName, renderTurn, voiceUrls } from './ivr.js';
import { escapeXml, el, twiml } from './twiml.js';

const urls = voiceUrls('https://desk.example.com/');

function turn(step: IvrStep, overrides: Partial<CallTurn> = {}): CallTurn {
  return {
    call: {
      id: '0190c0de-0000-7000-8000-000000000001',
      callSid: 'CA1',
      brandId: 'b1',
      fromRaw: '+14155550123',
      callerPhone: '+14155550123',
      to: '+14155550100',
      language: 'en',
      state: 'menu',
      menuChoice: null,
      emergency: false,
      spoofed: false,
      ticketId: null,
      queueSid: null,
      enqueuedAt: null,
      waitSeconds: null,
      agentId: null,
      answeredAt: null,
      talkSeconds: null,
      recordingUrl: null,
      outcome: null,
      meta: {},
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      endedAt: null,
      direction: 'inbound',
      callbackId: null,
    },
    brand: {
      id: 'b1',
      name: 'Satoshi & <Sons> "Wallet"',
      slug: 'satoshi',
      defaultLanguage: 'en',
      timeZone: 'UTC',
      supportEmails: [],
      phoneNumbers: [],
      createdAt: '',
      updatedAt: '',
    },
    settings: DEFAULT_PHONE_SETTINGS,
    language: 'en',
    step,
    ...overrides,
  };
}

const parse = (xml: string) => {
  assert.equal(XMLValidator.validate(xml), true, xml);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
};

test('escapes text and attributes, and drops characters XML cannot carry', () => {
  assert.equal(escapeXml(`<a href="x">Tom & Jerry's</a>`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;');
  assert.equal(escapeXml('bell\u0007 here'), 'bell here');
  const xml = twiml([el('Say', { language: 'en-US', extra: undefined }, '1 < 2 & "quoted"'), el('Hangup')]);
  assert.equal(xml, '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Say language="en-US">1 &lt; 2 &amp; &quot;quoted&quot;</Say><Hangup/></Response>');
});

test('a brand name with XML characters cannot break the language menu', () => {
  const doc = parse(renderTurn(turn({ kind: 'language', attempt: 1, invalid: false }), urls));
  const says = doc.Response.Gather.Say;
  assert.match(says[1]['#text'], /Welcome to Satoshi & <Sons> "Wallet"\./);
  assert.equal(doc.Response.Gather.action, 'https://desk.example.com/hooks/voice/twilio/language?attempt=1');
  assert.equal(doc.Response.Redirect['#text'], 'https://desk.example.com/hooks/voice/twilio/language?attempt=1');
});

test('the warning plays before the menu\'s <Gather>, where no key can skip it', () => {
  const xml = renderTurn(turn({ kind: 'menu', attempt: 1, invalid: false, warn: true }), urls);
  const warning = xml.indexOf('We will never ask for your recovery phrase or private key. Anyone who does is not us.');
  assert.ok(warning > 0 && warning < xml.indexOf('<Gather'));
  const zh = renderTurn(turn({ kind: 'menu', attempt: 1, invalid: false, warn: true }, { language: 'zh-CN' }), urls);
  assert.match(zh, /<Say language="zh-CN">我们绝不会向您索要助记词或私钥/);
});

test('voicemail asks for recording and transcription callbacks only where transcription is wanted', () => {
  const en = parse(renderTurn(turn({ kind: 'voicemail', reason: 'closed', ticketNumber: 1042, transcribe: true }), urls)).Response.Record;
  assert.equal(en.recordingStatusCallback, urls.recording);
  assert.equal(en.transcribe, 'true');
  assert.equal(en.transcribeCallback, urls.transcript);
  assert.equal(en.maxLength, '120');
  const zh = parse(renderTurn(turn({ kind: 'voicemail', reason: 'closed', ticketNumber: 1042, transcribe: false }, { language: 'zh-CN' }), urls)).Response.Record;
  assert.equal(zh.recordingStatusCallback, urls.recording);
  assert.equal(zh.transcribeCallback, undefined);
});

test('an emergency waits in the brand\'s urgent queue and hears its case number digit by digit', () => {
  const xml = renderTurn(turn({ kind: 'enqueue', emergency: true, ticketNumber: 1042, freezeOffered: false, requeued: false }), urls);
  const doc = parse(xml).Response;
  assert.equal(doc.Enqueue['#text'], 'walletdesk-satoshi-urgent');
  assert.equal(doc.Enqueue.waitUrl, urls.wait);
  assert.equal(doc.Enqueue.action, urls.queueExit);
  assert.match(xml, /case number is 1 0 4 2\./);
  assert.equal(queueName('x'.repeat(80), true).length, 64, 'queue names stay within Twilio\'s 64 characters');
});

test('the agent\'s leg dials the agent\'s softphone identity', () => {
  const agentId = '0190c0de-aaaa-7000-8000-00000000beef';
  const doc = parse(renderTurn(turn({ kind: 'dial', agentId }), urls)).Response;
  assert.equal(doc.Dial.Client, agentClientIdentity(agentId));
  assert.match(String(doc.Dial.Client), /^agent_[0-9a-f]{32}$/);
  assert.equal(doc.Dial.action, `https://desk.example.com/hooks/voice/twilio/dial-done?agent=${agentId}`);
});
