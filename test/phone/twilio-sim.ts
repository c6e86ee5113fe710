/**
 * Plays Twilio against a test desk: posts application/x-www-form-urlencoded webhooks with Twilio's parameter
 * names, signed with X-Twilio-Signature over the public URL, and parses the TwiML answers as XML so a test can
 * follow their action URLs. Also a desk wired for the phone line (auth token, PUBLIC_URL, a fake REST API).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { systemClock, type Clock } from '../../src/core/clock.js';
import type { Deps } from '../../src/app/ports.js';
import { tokenAuthenticator } from '../../src/app/authenticate.js';
import { inProcessBus } from '../../src/bus/live-bus.js';
import { argon2Hasher } from '../../src/crypto/passwords.js';
import { aesSecretBox } from '../../src/crypto/secret-box.js';
import { localFileStore } from '../../src/store/file-store.js';
import { buildHttpApp } from '../../src/http/app.js';
import { CHANNEL_MODULES } from '../../src/channels/index.js';
import type { HttpDeps } from '../../src/http/deps.js';
import type { DialectName } from '../../src/store/dialect.js';
import { twilioSignature } from '../../src/channels/phone/signature.js';
import { accountVoiceControl, environmentCredentials } from '../../src/channels/phone/credentials.js';
import type { TestDesk } from '../helpers/desk.js';
import { makeTestStore } from '../helpers/stores.js';

export const AUTH_TOKEN = 'f3c1a9d2b7e4406c8a5d2e9b1c7f3a60';
export const ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
/** The address Twilio is given: the desk sits behind a proxy there; requests go to the local listener. */
export const PUBLIC_URL = 'https://desk.example.com';

/** One element of a parsed TwiML document. */
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

type Ordered = Array<Record<string, unknown>>;

function toNodes(items: Ordered): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const item of items) {
    const name = Object.keys(item).find((k) => k !== ':@')!;
    if (name === '#text') continue;
    const inner = (item[name] as Ordered) ?? [];
    const attrs = ((item[':@'] as Record<string, string>) ?? {}) as Record<string, string>;
    const text = inner.filter((c) => '#text' in c).map((c) => String(c['#text'])).join('');
    nodes.push({ name, attrs, children: toNodes(inner), text });
  }
  return nodes;
}

/** Parses TwiML (throws when it is not well-formed XML) and returns its <Response> element. */
export function parseTwiml(xml: string): XmlNode {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, trimValues: true });
  const root = toNodes(parser.parse(xml) as Ordered).find((n) => n.name === 'Response');
  if (!root) throw new Error('no <Response> element');
  return root;
}

/** Every element named `name`, depth first, in document order. */
export function findAll(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const child of node.children) {
    if (child.name === name) out.push(child);
    out.push(...findAll(child, name));
  }
  return out;
}

export function find(node: XmlNode, name: string): XmlNode {
  const found = findAll(node, name)[0];
  if (!found) throw new Error(`no <${name}> in ${JSON.stringify(node)}`);
  return found;
}

/** All spoken text of a document, in order. */
export const spoken = (node: XmlNode): string => findAll(node, 'Say').map((s) => s.text).join(' | ');

export interface Answer {
  status: number;
  contentType: string;
  body: string;
  doc: XmlNode | null;
}

/** A REST request the desk made to the fake provider API. */
export interface RestRequest {
  url: string;
  authorization: string | null;
  form: URLSearchParams;
}

export class TwilioSim {
  constructor(
    readonly localUrl: string,
    readonly token: string = AUTH_TOKEN,
  ) {}

  /** Posts a webhook to a public URL (absolute, under PUBLIC_URL), signed unless told otherwise. */
  async post(publicUrl: string, params: Record<string, string>, options: { signature?: string | null; token?: string } = {}): Promise<Answer> {
    if (!publicUrl.startsWith(PUBLIC_URL)) throw new Error(`not a desk URL: ${publicUrl}`);
    const signature = options.signature === undefined ? twilioSignature(options.token ?? this.token, publicUrl, params) : options.signature;
    const res = await fetch(`${this.localUrl}${publicUrl.slice(PUBLIC_URL.length)}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'TwilioProxy/1.1',
        ...(signature !== null ? { 'x-twilio-signature': signature } : {}),
      },
      body: new URLSearchParams(params).toString(),
    });
    const body = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    return { status: res.status, contentType, body, doc: contentType.startsWith('text/xml') ? parseTwiml(body) : null };
  }

  /** A new inbound call from `from` to `to`, with the parameters Twilio sends on every request of that call. */
  call(from: string, to: string): SimCall {
    return new SimCall(this, `CA${randomBytes(16).toString('hex')}`, from, to);
  }
}

export class SimCall {
  constructor(
    readonly sim: TwilioSim,
    readonly sid: string,
    readonly from: string,
    readonly to: string,
  ) {}

  params(extra: Record<string, string> = {}): Record<string, string> {
    return {
      AccountSid: ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      CallSid: this.sid,
      CallStatus: 'in-progress',
      Called: this.to,
      Caller: this.from,
      Direction: 'inbound',
      From: this.from,
      To: this.to,
      ...extra,
    };
  }

  /** The call arrives at the number's voice URL. */
  start(extra: Record<string, string> = {}): Promise<Answer> {
    return this.sim.post(`${PUBLIC_URL}/hooks/voice/twilio`, this.params({ CallStatus: 'ringing', ...extra }));
  }

  /** Twilio requests an action URL from the last answer. */
  follow(url: string, extra: Record<string, string> = {}): Promise<Answer> {
    return this.sim.post(url, this.params(extra));
  }

  /** The call status callback at the end of the call. */
  end(status = 'completed', duration = '60'): Promise<Answer> {
    return this.sim.post(`${PUBLIC_URL}/hooks/voice/twilio/status`, this.params({ CallStatus: status, CallDuration: duration }));
  }
}

export interface PhoneDesk extends TestDesk {
  sim: TwilioSim;
  rest: RestRequest[];
  /** Makes the fake provider REST API fail (e.g. 503) until reset to null. */
  restFailure: { status: number | null };
}

/** A test desk with the phone line configured: auth token, PUBLIC_URL, and a fake provider REST API. */
export async function startPhoneDesk(
  dialect: DialectName,
  options: {
    clock?: Clock;
    /** false: no provider REST API (no TWILIO_ACCOUNT_SID), so calls cannot be taken from the console. */
    voice?: boolean;
    /** false: no TWILIO_AUTH_TOKEN either: only numbers with their own account credentials work. */
    envToken?: boolean;
    /** A provider REST API to really call (e.g. twilio-calls-server.ts) instead of the recording fake. */
    apiUrl?: string;
  } = {},
): Promise<PhoneDesk> {
  const t = await makeTestStore(dialect);
  const filesDir = mkdtempSync(join(tmpdir(), 'walletdesk-files-'));
  const base: Deps = {
    store: t.store,
    bus: inProcessBus(),
    clock: options.clock ?? systemClock,
    files: localFileStore(filesDir),
    passwords: argon2Hasher({ memoryCost: 1024, timeCost: 1 }),
    secrets: aesSecretBox(randomBytes(32).toString('hex')),
  };
  const rest: RestRequest[] = [];
  const restFailure = { status: null as number | null };
  const fakeFetch: typeof fetch = async (input, init) => {
    rest.push({
      url: String(input),
      authorization: new Headers(init?.headers).get('authorization'),
      form: new URLSearchParams(String(init?.body ?? '')),
    });
    if (restFailure.status) return new Response('{"message":"unavailable"}', { status: restFailure.status });
    return new Response('{"call_sid":"x"}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const setupToken = { value: null as string | null };
  const deps: HttpDeps = {
    ...base,
    config: {
      publicUrl: PUBLIC_URL,
      bodyLimit: 1_048_576,
      maxAttachmentBytes: 1_048_576,
      apiRateLimit: 0,
      loginRateLimit: 1000,
      trustProxy: false,
      ...(options.envToken === false ? {} : { twilioAuthToken: AUTH_TOKEN }),
    },
    channels: CHANNEL_MODULES,
    tokens: tokenAuthenticator(base, 0),
    setupToken: () => setupToken.value,
    // As main.ts builds it: each number's own credentials (Admin → Channels), else the environment's.
    phone: {
      voice: accountVoiceControl(base, {
        // voice: false is TWILIO_AUTH_TOKEN without TWILIO_ACCOUNT_SID; envToken: false is neither.
        ...environmentCredentials({
          twilioAccountSid: options.voice === false || options.envToken === false ? null : ACCOUNT_SID,
          twilioAuthToken: options.envToken === false ? null : AUTH_TOKEN,
        }),
        apiUrl: options.apiUrl ?? 'https://api.twilio.test',
        publicUrl: PUBLIC_URL,
        ...(options.apiUrl ? {} : { fetch: fakeFetch }),
      }),
    },
  };
  const app = await buildHttpApp(deps);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    app,
    deps,
    dialect,
    location: t.location,
    setupToken,
    sim: new TwilioSim(url),
    rest,
    restFailure,
    async close() {
      await app.close();
      await base.bus.close();
      await t.cleanup();
      rmSync(filesDir, { recursive: true, force: true });
    },
  };
}
