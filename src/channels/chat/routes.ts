/**
 * Live chat for visitors: the widget script, the WebSocket protocol and its HTTP fallback (docs/chat.md).
 * Every frame is validated; a malformed one closes the socket with 4400, never the server. Every call checks
 * the identity proof the session needs (chat-session.ts). Delivery is a hint from the live bus followed by
 * a read of the stored transcript, so whatever instance a client lands on, it gets the same messages.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/websocket';
import type {} from '@fastify/multipart';
import { AppError, invalid } from '../../core/errors.js';
import { language, t } from '../../i18n/index.js';
import { readProof, type IdentityProof } from './chat-identity.js';
import {
  MAX_CHAT_CHARS,
  checkCallProof,
  markVisitorRead,
  openChatSession,
  readChatFile,
  refreshVisitor,
  resumeChatSession,
  sendVisitorMessage,
  setPrechat,
  uploadChatFile,
  visibleMessages,
  visitorPresence,
  visitorTyping,
  type ChatVisitor,
} from './chat-session.js';
import { ticketTopic } from '../../app/live.js';
import type { LiveNotice } from '../../app/ports.js';
import { exportRecordForChat } from '../../app/customer-record.js';
import { sendRecord } from '../../http/record-render.js';
import type { HttpDeps } from '../../http/deps.js';
import { keepAlive, parseFrame, sendFrame } from '../../http/socket-frames.js';
import { presentChatMessage, presentWelcome } from './presenters.js';
import { readUploadedFile, sendDownload } from '../../http/routes/attachments.js';
import { ChatAttachmentJson, ChatMessageJson, ChatPollJson, ChatWelcomeJson, HelpArticleSearch, errors, literals } from '../../contract/index.js';
import { KB_EVENT_KINDS } from '../../core/kb.js';
import { chatArticleSuggestions, recordChatDeflection } from './chat-articles.js';
import { memoryRateLimits } from '../../app/rate-limits.js';
import { Bucket, CLOSE, HELLO_TIMEOUT_MS, MAX_FRAME_BYTES, MAX_WAIT_S, S, VISITOR_BEAT_MS, chatLimits, checkers, frameError, type FrameType, type Frames } from './protocol.js';


function proofFromHeaders(request: FastifyRequest): IdentityProof | null {
  const h = request.headers;
  const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);
  return readProof({ token: one(h['x-chat-identity-token']), user_id: one(h['x-chat-user-id']), user_hash: one(h['x-chat-user-hash']) });
}

const widgetFile = fileURLToPath(new URL('../../../web/dist/widget/widget.js', import.meta.url));

export const chatRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const maxSocketsPerIp = deps.config.chatMaxSocketsPerIp ?? 50;
  const socketsPerIp = new Map<string, number>();
  // Shared by every instance (Redis) when configured: a visitor cannot double a limit by reaching two instances.
  // Frames stay counted per socket, since a socket lives on one instance.
  const { newSessions, sessionMessages } = chatLimits(deps.limits ?? memoryRateLimits());


  // ---------- the widget script ----------
  let widget: { body: Buffer; etag: string; mtime: number } | null = null;
  app.get('/chat/widget.js', { schema: { hide: true } }, async (request, reply) => {
    if (!existsSync(widgetFile)) throw new AppError('unavailable', 'The chat widget is not built. Run `npm run build:web`.');
    const mtime = statSync(widgetFile).mtimeMs;
    if (!widget || widget.mtime !== mtime) widget = { body: readFileSync(widgetFile), etag: `"w${Math.floor(mtime).toString(36)}"`, mtime };
    if (request.headers['if-none-match'] === widget.etag) return reply.code(304).send();
    return reply
      .type('text/javascript; charset=utf-8')
      .header('cross-origin-resource-policy', 'cross-origin')
      .header('access-control-allow-origin', '*')
      .header('cache-control', 'public, max-age=300')
      .header('etag', widget.etag)
      .send(widget.body);
  });

  // ---------- CORS for the HTTP fallback: any page may call; each call checks the brand's allowed origins ----------
  const CORS_HEADERS = 'content-type, x-chat-session, x-chat-user-id, x-chat-user-hash, x-chat-identity-token';
  const cors = (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (origin) reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    reply.header('cross-origin-resource-policy', 'cross-origin');
  };
  app.options('/chat/v1/*', { schema: { hide: true } }, async (request, reply) => {
    cors(request, reply);
    return reply
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', CORS_HEADERS)
      .header('access-control-max-age', '600')
      .code(204)
      .send();
  });


  // ---------- WebSocket ----------
  app.get('/chat/v1/socket', { websocket: true, config: { rateLimit: false }, schema: { hide: true } }, (socket, request) => {
    const ip = request.ip;
    const open = socketsPerIp.get(ip) ?? 0;
    if (open >= maxSocketsPerIp) {
      socket.close(CLOSE.tooMany, 'too many connections from this address');
      return;
    }
    socketsPerIp.set(ip, open + 1);
    const origin = request.headers.origin;
    const frames = new Bucket(60, 10); // 600 a minute, bursts of 60
    const cleanups: Array<() => unknown> = [keepAlive(socket)];
    let visitor: ChatVisitor | null = null;
    let closed = false;
    let chain: Promise<void> = Promise.resolve();
    // Delivery state: what this socket has sent, and the newest message it has read from the store.
    const sent = new Set<string>();
    let lastFetched: string | null = null;
    let offTicket: (() => Promise<void>) | null = null;
    let lastProof: { text: string; expiresAt: number | null } | null = null;
    let fetching = false;
    let again = false;

    const close = (code: number, reason: string) => {
      if (!closed) socket.close(code, reason.slice(0, 120));
    };
    const helloTimer = setTimeout(() => visitor === null && close(CLOSE.malformed, 'send hello first'), HELLO_TIMEOUT_MS);
    helloTimer.unref();
    cleanups.push(() => clearTimeout(helloTimer));

    /** Reads messages stored since the last read and sends those this socket has not sent. Coalesced. */
    const deliver = async (): Promise<void> => {
      if (!visitor?.session.ticketId) return;
      if (fetching) {
        again = true;
        return;
      }
      fetching = true;
      try {
        do {
          again = false;
          const seen = await visibleMessages(deps, visitor.session.ticketId, lastFetched);
          for (const m of seen.messages) {
            if (lastFetched === null || m.id > lastFetched) lastFetched = m.id;
            if (sent.has(m.id)) continue;
            sent.add(m.id);
            sendFrame(socket, { type: 'message', message: presentChatMessage(m, seen.attachments, seen.agentNames, visitor.session.language) });
          }
        } while (again && !closed);
      } catch {
        // The store blinked: the next notice (or the client's resume) catches up.
      } finally {
        fetching = false;
      }
    };

    const onNotice = (n: LiveNotice) => {
      if (closed) return;
      if (n.type === 'message.added' || n.type === 'ticket.created') {
        if (n.data?.public === false) return; // internal notes are the desk's business
        if (typeof n.data?.message_id === 'string' && sent.has(n.data.message_id) && !n.data.auto_replies) return;
        void deliver();
      } else if (n.type === 'presence.replying' || n.type === 'presence.stopped') {
        // Only replies, never an agent writing an internal note.
        sendFrame(socket, { type: 'typing', on: n.type === 'presence.replying' && n.data?.mode === 'reply' });
      } else if (n.type === 'chat.read' && n.data?.by === 'agent') {
        sendFrame(socket, { type: 'read', up_to: n.data.up_to });
      } else if (n.type === 'ticket.updated' && typeof n.data?.status === 'string') {
        sendFrame(socket, { type: 'status', status: n.data.status });
      }
    };

    const follow = async (ticketId: string | null) => {
      if (!ticketId || offTicket) return;
      offTicket = await deps.bus.subscribe(ticketTopic(ticketId), onNotice);
      if (closed) await offTicket();
    };

    const handle = async (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Promise<void> => {
      if (closed) return;
      if (isBinary) return close(CLOSE.malformed, 'malformed frame: send JSON text frames');
      const raw = parseFrame(data);
      if (!raw) return close(CLOSE.malformed, 'malformed frame: not a JSON object');
      const type = raw.type as FrameType;
      const checker = typeof type === 'string' && Object.hasOwn(checkers, type) ? checkers[type] : null;
      if (!checker) return close(CLOSE.malformed, `malformed frame: unknown type ${JSON.stringify(String(raw.type)).slice(0, 40)}`);
      if (!checker.Check(raw)) {
        const first = checker.Errors(raw).First();
        return close(CLOSE.malformed, `malformed ${type} frame: ${first ? `${first.path || '/'} ${first.message}` : 'wrong fields'}`);
      }
      if (!frames.take()) return close(CLOSE.tooMany, 'too many frames: slow down');
      const clientId = type === 'message' ? (raw as Static<typeof Frames.message>).client_id : undefined;
      try {
        if (type === 'hello') {
          if (visitor) return close(CLOSE.malformed, 'hello was already sent');
          const f = raw as Static<typeof Frames.hello>;
          if (!f.session && !(await newSessions.take(ip)).allowed) return close(CLOSE.tooMany, 'too many new chats from this address: wait a minute');
          const w = await openChatSession(deps, { brand: f.brand, token: f.session ?? null, proof: readProof(f.identity), language: f.language ?? null, origin });
          if (closed) return;
          visitor = w.visitor;
          for (const m of w.messages) {
            sent.add(m.id);
            if (lastFetched === null || m.id > lastFetched) lastFetched = m.id;
          }
          sendFrame(socket, { type: 'welcome', ...presentWelcome(w, w.token ?? f.session!, deps.config.maxAttachmentBytes) });
          await follow(visitor.session.ticketId);
          await visitorPresence(deps, visitor, true);
          const beat = setInterval(() => visitor && void visitorPresence(deps, visitor, true), VISITOR_BEAT_MS);
          beat.unref();
          cleanups.push(() => clearInterval(beat));
          return;
        }
        if (!visitor) return close(CLOSE.malformed, 'send hello first');
        // Every frame proves the user when the session needs it; an unchanged proof is not re-verified until it expires.
        const proof = readProof(raw.identity);
        const proofText = proof ? JSON.stringify(proof) : '';
        if (!(lastProof && lastProof.text === proofText && (lastProof.expiresAt === null || lastProof.expiresAt * 1000 > Date.now()))) {
          const check = await checkCallProof(deps, visitor, proof);
          lastProof = check.kind === 'verified' ? { text: proofText, expiresAt: check.expiresAt } : null;
        }
        switch (type) {
          case 'prechat': {
            const f = raw as Static<typeof Frames.prechat>;
            visitor = await setPrechat(deps, visitor, { kind: f.kind, language: f.language, email: f.email, name: f.name, device: f.device, os: f.os, appVersion: f.app_version });
            return sendFrame(socket, { type: 'prechat_ok' });
          }
          case 'message': {
            const f = raw as Static<typeof Frames.message>;
            if (!(await sessionMessages.take(visitor.session.id)).allowed) return sendFrame(socket, { type: 'error', code: 'rate_limited', message: t(language(visitor.session.language), 'chat.error.too_fast'), client_id: f.client_id });
            if (f.body.length > MAX_CHAT_CHARS) throw invalid(`The message is too long (${f.body.length} characters; at most ${MAX_CHAT_CHARS}). Split it into several.`);
            const { visitor: next, result } = await sendVisitorMessage(deps, visitor, { clientId: f.client_id, body: f.body, attachmentIds: f.attachment_ids });
            visitor = next;
            sent.add(result.message.id);
            const attachments = f.attachment_ids?.length ? await deps.store.attachments.listForMessages([result.message.id]) : [];
            sendFrame(socket, { type: 'ack', client_id: f.client_id, message: presentChatMessage(result.message, attachments, new Map(), visitor.session.language) });
            await follow(visitor.session.ticketId);
            if (result.kind !== 'appended' && result.kind !== 'duplicate') void deliver(); // auto-replies and the offline notice
            return;
          }
          case 'typing':
            return visitorTyping(deps, visitor, (raw as Static<typeof Frames.typing>).on);
          case 'read':
            visitor = await refreshVisitor(deps, visitor);
            return markVisitorRead(deps, visitor, (raw as Static<typeof Frames.read>).up_to);
          case 'ping':
            return sendFrame(socket, { type: 'pong' });
        }
      } catch (err) {
        const e = frameError(err, language(visitor?.session.language));
        if (e.code === 'unavailable') request.log.warn({ area: 'chat', err: { message: err instanceof Error ? err.message : String(err) } }, 'chat frame failed');
        sendFrame(socket, { type: 'error', code: e.code, message: e.message, ...(clientId ? { client_id: clientId } : {}) });
        if (e.close) close(e.close, e.message);
      }
    };

    socket.on('message', (data, isBinary) => {
      if ((Buffer.isBuffer(data) ? data.length : 0) > MAX_FRAME_BYTES) return close(1009, 'frame too large');
      // One frame at a time, in order: acks come back in the order messages were sent.
      chain = chain.then(() => handle(data as Buffer, isBinary)).catch(() => close(1011, 'internal error'));
    });
    socket.on('error', () => undefined);
    socket.on('close', async () => {
      closed = true;
      const left = (socketsPerIp.get(ip) ?? 1) - 1;
      if (left <= 0) socketsPerIp.delete(ip);
      else socketsPerIp.set(ip, left);
      for (const c of cleanups) c();
      await offTicket?.().catch(() => undefined);
      if (visitor) await visitorPresence(deps, visitor, false);
    });
    sendFrame(socket, { type: 'hello_please' });
  });

  // ---------- HTTP fallback ----------
  const perClient = (max: number) => ({
    rateLimit: { max, timeWindow: '1 minute', keyGenerator: (r: FastifyRequest) => `chat:${(r.headers['x-chat-session'] as string | undefined)?.slice(0, 64) ?? r.ip}` },
  });
  const visitorOf = (request: FastifyRequest) => {
    const token = request.headers['x-chat-session'];
    return resumeChatSession(deps, typeof token === 'string' ? token : null, proofFromHeaders(request), request.headers.origin);
  };
  const tags = ['chat'];

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/chat/v1/')) cors(request, reply);
  });

  app.post(
    '/chat/v1/session',
    {
      config: { rateLimit: { max: 30, timeWindow: '1 minute', keyGenerator: (r: FastifyRequest) => `chat-new:${r.ip}` } },
      schema: {
        tags,
        summary: 'Open or resume a chat session (the WebSocket hello)',
        security: [],
        body: Type.Object({ brand: S(64, 1), session: Type.Optional(S(100)), language: Type.Optional(S(10)) }, { additionalProperties: false }),
        response: { 200: ChatWelcomeJson, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      if (!request.body.session && !(await newSessions.take(request.ip)).allowed) {
        throw new AppError('rate_limited', t(language(request.body.language), 'chat.error.too_many_chats'));
      }
      const w = await openChatSession(deps, {
        brand: request.body.brand,
        token: request.body.session ?? null,
        proof: proofFromHeaders(request),
        language: request.body.language ?? null,
        origin: request.headers.origin,
      });
      return presentWelcome(w, w.token ?? request.body.session!, deps.config.maxAttachmentBytes);
    },
  );

  app.post(
    '/chat/v1/prechat',
    {
      config: perClient(60),
      schema: {
        tags,
        summary: 'The pre-chat step: kind of problem, language, e-mail for offline replies, device details',
        security: [],
        body: Type.Object(
          {
            kind: S(20, 1),
            language: S(10, 1),
            email: Type.Optional(S(254)),
            name: Type.Optional(S(200)),
            device: Type.Optional(S(120)),
            os: Type.Optional(S(120)),
            app_version: Type.Optional(S(60)),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ ok: Type.Boolean() }), ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const b = request.body;
      await setPrechat(deps, await visitorOf(request), { kind: b.kind, language: b.language, email: b.email, name: b.name, device: b.device, os: b.os, appVersion: b.app_version });
      return { ok: true };
    },
  );

  app.post(
    '/chat/v1/messages',
    {
      config: perClient(120),
      schema: {
        tags,
        summary: 'Send a message; a resend with the same client_id returns the stored one',
        security: [],
        body: Type.Object(
          { client_id: S(64, 1), body: Type.String({ maxLength: 20_000 }), attachment_ids: Type.Optional(Type.Array(S(40), { maxItems: 5 })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ message: ChatMessageJson }), 201: Type.Object({ message: ChatMessageJson }), ...errors(400, 401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const visitor = await visitorOf(request);
      if (!(await sessionMessages.take(visitor.session.id)).allowed) {
        throw new AppError('rate_limited', t(language(visitor.session.language), 'chat.error.too_fast'));
      }
      const { result } = await sendVisitorMessage(deps, visitor, { clientId: request.body.client_id, body: request.body.body, attachmentIds: request.body.attachment_ids });
      const attachments = await deps.store.attachments.listForMessages([result.message.id]);
      return reply.code(result.kind === 'duplicate' ? 200 : 201).send({ message: presentChatMessage(result.message, attachments, new Map(), visitor.session.language) });
    },
  );

  app.get(
    '/chat/v1/messages',
    {
      config: perClient(240),
      schema: {
        tags,
        summary: 'Public messages after a message id; waits up to `wait` seconds for one (long poll)',
        security: [],
        querystring: Type.Object({ after: Type.Optional(S(40)), wait: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_WAIT_S })) }, { additionalProperties: false }),
        response: {
          200: ChatPollJson,
          ...errors(400, 401, 403, 404, 429),
        },
      },
    },
    async (request) => {
      let visitor = await visitorOf(request);
      const after = request.query.after ?? null;
      const ticketId = visitor.session.ticketId;
      let typing = false;
      const read = async () => {
        const seen = ticketId ? await visibleMessages(deps, ticketId, after) : { messages: [], attachments: [], agentNames: new Map<string, string>() };
        return seen;
      };
      let seen = await read();
      const wait = request.query.wait ?? 0;
      if (seen.messages.length === 0 && wait > 0 && ticketId) {
        await new Promise<void>((resolve) => {
          let off: (() => Promise<void>) | null = null;
          let done = false;
          const finish = () => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            request.raw.off('close', finish);
            void off?.();
            resolve();
          };
          const timer = setTimeout(finish, wait * 1000);
          request.raw.on('close', finish);
          void deps.bus
            .subscribe(ticketTopic(ticketId), (n) => {
              if ((n.type === 'message.added' || n.type === 'ticket.created') && n.data?.public !== false) finish();
              else if (n.type === 'presence.replying' && n.data?.mode === 'reply') {
                typing = true;
                finish();
              } else if (n.type === 'chat.read' || n.type === 'ticket.updated') finish();
            })
            .then((unsubscribe) => {
              off = unsubscribe;
              if (done) void unsubscribe();
            });
        });
        seen = await read();
        visitor = await refreshVisitor(deps, visitor);
      }
      const ticket = ticketId ? await deps.store.tickets.get(ticketId) : null;
      return {
        messages: seen.messages.map((m) => presentChatMessage(m, seen.attachments, seen.agentNames, visitor.session.language)),
        status: ticket?.status ?? null,
        agent_read_up_to: visitor.session.agentReadUpTo,
        agent_typing: typing,
      };
    },
  );

  app.post(
    '/chat/v1/typing',
    {
      config: perClient(240),
      schema: { tags, summary: 'The visitor is (not) typing', security: [], body: Type.Object({ on: Type.Boolean() }, { additionalProperties: false }), response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 429) } },
    },
    async (request, reply) => {
      await visitorTyping(deps, await visitorOf(request), request.body.on);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/chat/v1/read',
    {
      config: perClient(240),
      schema: { tags, summary: 'The visitor has seen the conversation up to a message', security: [], body: Type.Object({ up_to: S(40, 1) }, { additionalProperties: false }), response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 429) } },
    },
    async (request, reply) => {
      await markVisitorRead(deps, await visitorOf(request), request.body.up_to);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/chat/v1/attachments',
    {
      config: perClient(30),
      schema: {
        tags,
        summary: 'Upload a file (multipart, field "file"); name its id in the next message',
        security: [],
        consumes: ['multipart/form-data'],
        response: { 201: ChatAttachmentJson, ...errors(400, 401, 403, 404, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const visitor = await visitorOf(request);
      const a = await uploadChatFile(deps, visitor, await readUploadedFile(request, deps.config.maxAttachmentBytes), deps.config.maxAttachmentBytes);
      return reply.code(201).send({ id: a.id, filename: a.filename, content_type: a.contentType, size: a.size });
    },
  );

  app.get(
    '/chat/v1/attachments/:id',
    {
      config: perClient(120),
      schema: {
        tags,
        summary: 'Download a file of this conversation',
        security: [],
        params: Type.Object({ id: S(40, 1) }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const { attachment, bytes } = await readChatFile(deps, await visitorOf(request), request.params.id);
      return sendDownload(reply, attachment, bytes);
    },
  );

  // Deflection (issue 17): articles while the visitor writes the first message, and what became of them.
  // The events travel in the query string so the widget can send the last one with navigator.sendBeacon from
  // another site (a beacon without a body needs no CORS preflight).
  const perIpChat = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute', keyGenerator: (r: FastifyRequest) => `chat-kb:${r.ip}` } });
  app.get(
    '/chat/v1/articles',
    {
      config: perIpChat(240),
      schema: {
        tags,
        summary: 'Public articles of the brand that match what the visitor is writing (at most 3)',
        security: [],
        querystring: Type.Object({ brand: S(64, 1), q: S(500), locale: Type.Optional(S(20)) }, { additionalProperties: false }),
        response: { 200: HelpArticleSearch, ...errors(400, 403, 404, 429) },
      },
    },
    async (request) => {
      const q = request.query;
      return { articles: await chatArticleSuggestions(deps, { brand: q.brand, q: q.q, ...(q.locale ? { locale: q.locale } : {}), ...(request.headers.origin ? { origin: request.headers.origin } : {}) }) };
    },
  );

  app.post(
    '/chat/v1/deflection',
    {
      config: perIpChat(120),
      schema: {
        tags,
        summary: 'What the visitor did with the suggested articles: shown, opened, request sent or abandoned',
        security: [],
        querystring: Type.Object(
          {
            brand: S(64, 1),
            kind: literals(KB_EVENT_KINDS),
            session_key: Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
            article_id: Type.Optional(S(40, 1)),
          },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null(), ...errors(400, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      await recordChatDeflection(deps, { brand: q.brand, kind: q.kind, session_key: q.session_key, ...(q.article_id ? { article_id: q.article_id } : {}), ...(request.headers.origin ? { origin: request.headers.origin } : {}) });
      return reply.code(204).send(null);
    },
  );

  // The visitor's signed record of this conversation (issue 18; app/customer-record.ts).
  app.get(
    '/chat/v1/record',
    {
      config: perClient(10),
      schema: {
        tags,
        summary: 'Download the signed record of this conversation (PDF or HTML)',
        security: [],
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('pdf'), Type.Literal('html')])) }),
        response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...errors(401, 403, 404, 429, 503) },
      },
    },
    async (request, reply) => {
      const visitor = await visitorOf(request);
      const format = request.query.format ?? 'pdf';
      return sendRecord(reply, await exportRecordForChat(deps, visitor.session.ticketId, format), format, deps.config.publicUrl);
    },
  );
};
