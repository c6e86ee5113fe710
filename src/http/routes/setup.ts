/**
 * First-run setup: GET/POST /setup (an HTML form that needs no script) and POST /api/v1/setup (JSON).
 * Allowed only while the desk has no agents, and only with the setup token printed in the log. The form
 * served to a browser on the server itself (loopback) carries the token, so the operator just fills it in;
 * a cross-site page cannot read it, so it cannot forge the form. The JSON route takes only JSON and always
 * wants the token.
 */
import { readFileSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {} from '@fastify/swagger';
import type { FastifyRequest } from 'fastify';
import { AppError, conflict, isAppError } from '../../core/errors.js';
import { completeSetup, setupNeeded } from '../../app/complete-setup.js';
import { isLoopback, sameSecret } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { isLanguage } from '../../i18n/index.js';
import { escapeHtml, otherLang, page, pickLang, stringsFor, type PageLang } from '../pages/html.js';
import { presentAgent } from '../presenters.js';
import { SetupBody, SetupDone, SetupNeeded, errors } from '../../contract/index.js';

const css = readFileSync(new URL('../pages/base.css', import.meta.url), 'utf8');
const favicon = readFileSync(new URL('../pages/favicon.svg', import.meta.url), 'utf8');

/** The choices of a brand's default language, each named in its own language. */
const LANGUAGE_OPTIONS: Array<[PageLang, string]> = [
  ['zh-CN', '中文（简体）'],
  ['en', 'English'],
];

function formHtml(lang: PageLang, token: string, error: string | null, values: Record<string, string> = {}): string {
  const t = stringsFor(lang).setup;
  const other = otherLang(lang);
  const v = (k: string) => escapeHtml(values[k] ?? '');
  return page(
    lang,
    t.title,
    `<a class="lang" href="/setup?lang=${other}${token ? `&amp;token=${escapeHtml(token)}` : ''}">${escapeHtml(stringsFor(lang).lang.switch)}</a>
<h1>${escapeHtml(t.title)}</h1>
<p class="muted">${escapeHtml(t.intro)}</p>
${error ? `<p class="error" role="alert">${escapeHtml(t.error)} ${escapeHtml(error)}</p>` : ''}
${token ? '' : `<p class="error">${escapeHtml(t.token_missing)}</p>`}
<form method="post" action="/setup?lang=${lang}">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<label for="brand_name">${escapeHtml(t.brand_name)}</label><input id="brand_name" name="brand_name" value="${v('brand_name')}" maxlength="100" required>
<label for="name">${escapeHtml(t.name)}</label><input id="name" name="name" value="${v('name')}" maxlength="100" required autocomplete="name">
<label for="email">${escapeHtml(t.email)}</label><input id="email" name="email" type="email" value="${v('email')}" maxlength="254" required autocomplete="email">
<label for="password">${escapeHtml(t.password)}</label><input id="password" name="password" type="password" minlength="10" maxlength="256" required autocomplete="new-password">
<label for="default_language">${escapeHtml(t.language)}</label>
<select id="default_language" name="default_language">${LANGUAGE_OPTIONS.map(([value, name]) => `<option value="${value}"${value === lang ? ' selected' : ''}>${name}</option>`).join('')}</select>
<label for="time_zone">${escapeHtml(t.time_zone)}</label><input id="time_zone" name="time_zone" value="${v('time_zone') || escapeHtml(t.default_time_zone)}" maxlength="64">
<button type="submit"${token ? '' : ' disabled'}>${escapeHtml(t.submit)}</button>
</form>
<p class="shield muted">${escapeHtml(t.shield)}</p>`,
  );
}

const isJson = (type: string | undefined) => type !== undefined && /^application\/json\s*(;|$)/i.test(type);

/**
 * The token goes into the form only for a browser on the server itself that names the server as loopback too:
 * a page from another site whose name was re-pointed at 127.0.0.1 (DNS rebinding) sends its own Host.
 */
function onThisMachine(request: FastifyRequest): boolean {
  const host = (request.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
  return isLoopback(request) && ['localhost', '127.0.0.1', '[::1]'].includes(host);
}

export const setupRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const tokenOk = (given: string | undefined) => {
    const expected = deps.setupToken();
    return expected !== null && given !== undefined && sameSecret(given, expected);
  };

  app.get('/assets/base.css', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css),
  );
  app.get('/assets/favicon.svg', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(favicon),
  );

  app.get(
    '/setup',
    { config: { public: true }, schema: { hide: true, querystring: Type.Object({ lang: Type.Optional(Type.String()), token: Type.Optional(Type.String({ maxLength: 200 })) }) } },
    async (request, reply) => {
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (!(await setupNeeded(deps))) return reply.redirect('/agent', 303);
      const token = tokenOk(request.query.token) ? request.query.token! : onThisMachine(request) ? (deps.setupToken() ?? '') : '';
      return formHtml(lang, token, null);
    },
  );

  app.post(
    '/setup',
    {
      config: { public: true, rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' } },
      schema: { hide: true, querystring: Type.Object({ lang: Type.Optional(Type.String()) }), body: Type.Record(Type.String(), Type.String({ maxLength: 300 })) },
    },
    async (request, reply) => {
      const lang = pickLang(request.query.lang, request.headers['accept-language']);
      const t = stringsFor(lang).setup;
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      const body = request.body;
      if (!(await setupNeeded(deps))) return reply.code(409).send(page(lang, t.title, `<p>${escapeHtml(t.already)}</p>`));
      if (!tokenOk(body.token)) return reply.code(403).send(formHtml(lang, '', t.token_missing, body));
      try {
        await completeSetup(deps, {
          email: body.email ?? '',
          name: body.name ?? '',
          password: body.password ?? '',
          brand_name: body.brand_name,
          default_language: isLanguage(body.default_language) ? body.default_language : 'en',
          time_zone: body.time_zone || undefined,
        });
      } catch (err) {
        if (isAppError(err) && err.code !== 'internal') return reply.code(400).send(formHtml(lang, body.token ?? '', err.message, body));
        throw err;
      }
      return page(
        lang,
        t.done_title,
        `<h1>${escapeHtml(t.done_title)}</h1><p>${escapeHtml(t.done_body)}</p>` +
          `<p><a class="button" href="/agent/">${escapeHtml(t.done_console)}</a></p>` +
          `<p class="muted">${escapeHtml(t.done_token)}</p><pre><code>npx walletdesk token create --email ${escapeHtml(body.email ?? '')}</code></pre>` +
          `<p><a href="/api/docs">${escapeHtml(t.done_docs)}</a></p>`,
      );
    },
  );

  app.get(
    '/api/v1/setup',
    { config: { public: true }, schema: { tags: ['setup'], summary: 'Whether the desk still needs its first admin', response: { 200: SetupNeeded } } },
    async () => ({ needed: await setupNeeded(deps) }),
  );

  app.post(
    '/api/v1/setup',
    {
      config: { public: true, rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' } },
      // Only JSON: a cross-site page can post a form or text/plain without asking, never JSON.
      onRequest: async (request) => {
        // Answered as Fastify's own "unsupported media type" (errors.ts: 415, "Send the body as application/json.").
        if (!isJson(request.headers['content-type'])) throw Object.assign(new Error('not JSON'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 });
      },
      schema: {
        tags: ['setup'],
        summary: 'Create the first admin (and brand). Needs the setup token from the server log',
        body: SetupBody,
        response: { 201: SetupDone, ...errors(400, 403, 409, 415, 429) },
      },
    },
    async (request, reply) => {
      // The token is required even from the server itself: any page open in a browser there can send requests
      // to loopback. The operator on the server gets the token from the form at /setup (or the log).
      if (!(await setupNeeded(deps))) throw conflict('This desk is set up already. Sign in instead.');
      if (!tokenOk(request.body.token)) {
        throw new AppError('forbidden', 'Setup needs the setup token printed in the server log (field "token"). On the server itself, open /setup instead.');
      }
      const { token: _t, ...input } = request.body;
      const { agent } = await completeSetup(deps, input);
      return reply.code(201).send({ agent: presentAgent(agent) });
    },
  );
};
