/**
 * Satisfaction surveys on the outside (issue 16): the one-time answer page behind the e-mailed link
 * (GET/POST /csat/:token, no sign-in; the chat widget posts JSON to the same address), the help center's status
 * page (GET/POST /api/v1/portal/csat with the status link's token), the ratings of a ticket for agents, and a
 * brand's survey settings for admins.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, notFound } from '../../core/errors.js';
import { CSAT_REASONS } from '../../core/quality.js';
import { csatSettings, isOpenForAnswer, openSurvey, portalSurvey, rateByToken, rateOnPortal, ticketSurveys, updateCsatSettings, type SurveyView } from '../../app/csat.js';
import type { CsatSurvey } from '../../app/quality-ports.js';
import { isLanguage, t, type Language } from '../../i18n/index.js';
import { canSeeBrand } from '../../core/policy.js';
import { principalOf } from '../auth.js';
import type { HttpDeps } from '../deps.js';
import { escapeHtml, otherLang, page } from '../pages/html.js';
import { CsatAnswerBody, CsatPublicJson, CsatSettingsJson, CsatSettingsPatch, IdParams, PortalCsatJson, TicketCsatJson, errors } from '../../contract/index.js';

const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 300 }) });
const LangQuery = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) });
const perIp = (max: number) => ({ public: true, rateLimit: { max, timeWindow: '1 minute', keyGenerator: (r: FastifyRequest) => `csat:${r.ip}` } });

/** What the customer may see of a survey (never the comment of anyone, never ids). */
export function presentPublicSurvey(s: CsatSurvey, ticketNumber: number, at: string) {
  const expired = s.state === 'requested' && !isOpenForAnswer(s, at);
  return { state: expired ? ('expired' as const) : s.state, rating: s.rating, expires_at: s.expiresAt, ticket_number: ticketNumber };
}

function presentSurvey(s: CsatSurvey) {
  return { id: s.id, state: s.state, due_at: s.dueAt, requested_at: s.requestedAt, expires_at: s.expiresAt, rating: s.rating, reason: s.reason, comment: s.comment, rated_at: s.ratedAt };
}

function answerPage(lang: Language, token: string, view: SurveyView, at: string, notice: string | null): string {
  const s = view.survey;
  const other = otherLang(lang);
  const head = `<a class="lang" href="/csat/${escapeHtml(token)}?lang=${other}">${escapeHtml(t(other, 'csat.page.title'))}</a>
<h1>${escapeHtml(t(lang, 'csat.page.title'))}</h1>`;
  if (notice) return page(lang, t(lang, 'csat.page.title'), `${head}<p role="status" class="ok">${escapeHtml(notice)}</p>`);
  if (s.state === 'rated') return page(lang, t(lang, 'csat.page.title'), `${head}<p role="status">${escapeHtml(t(lang, 'csat.page.already'))}</p>`);
  if (!isOpenForAnswer(s, at)) return page(lang, t(lang, 'csat.page.title'), `${head}<p role="status">${escapeHtml(t(lang, 'csat.page.closed'))}</p>`);
  const reasons = CSAT_REASONS.map((r) => `<option value="${r}">${escapeHtml(t(lang, `csat.reason.${r}`))}</option>`).join('');
  return page(
    lang,
    t(lang, 'csat.page.title'),
    `${head}
<p>${escapeHtml(t(lang, 'csat.page.question', { number: view.ticket.number, brand: view.brandName }))}</p>
<form method="post" action="/csat/${escapeHtml(token)}?lang=${lang}">
<fieldset>
<label><input type="radio" name="rating" value="good" required> ${escapeHtml(t(lang, 'csat.page.good'))}</label>
<label><input type="radio" name="rating" value="bad"> ${escapeHtml(t(lang, 'csat.page.bad'))}</label>
</fieldset>
<label for="reason">${escapeHtml(t(lang, 'csat.page.reason'))}</label>
<select id="reason" name="reason"><option value="">${escapeHtml(t(lang, 'csat.page.reason_none'))}</option>${reasons}</select>
<label for="comment">${escapeHtml(t(lang, 'csat.page.comment'))}</label>
<textarea id="comment" name="comment" maxlength="2000"></textarea>
<button type="submit">${escapeHtml(t(lang, 'csat.page.submit'))}</button>
</form>
<p class="shield muted">${escapeHtml(t(lang, 'csat.page.never_ask'))}</p>`,
  );
}

const notFoundPage = (lang: Language) => page(lang, t(lang, 'csat.page.title'), `<h1>${escapeHtml(t(lang, 'csat.page.title'))}</h1><p class="error" role="alert">${escapeHtml(t(lang, 'csat.page.not_found'))}</p>`);

const isJson = (request: FastifyRequest) => /^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '');

/** Any page may post an answer with the token (it is the only credential, no cookie is involved): the widget does. */
const cors = (reply: FastifyReply) => reply.header('access-control-allow-origin', '*').header('vary', 'Origin');

/** /csat/:token, outside /api/v1. */
export const csatPageRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  const pageLang = (query: string | undefined, view: SurveyView | null): Language => (isLanguage(query) ? query : isLanguage(view?.language) ? (view!.language as Language) : 'en');

  app.get('/csat/:token', { schema: { hide: true, params: TokenParams, querystring: LangQuery }, config: perIp(60) }, async (request, reply) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8');
    try {
      const view = await openSurvey(deps, request.params.token);
      return answerPage(pageLang(request.query.lang, view), request.params.token, view, deps.clock.now().toISOString(), null);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'not_found') throw err;
      return reply.code(404).send(notFoundPage(pageLang(request.query.lang, null)));
    }
  });

  app.options('/csat/:token', { schema: { hide: true }, config: { public: true } }, async (_request, reply) => {
    cors(reply).header('access-control-allow-methods', 'POST').header('access-control-allow-headers', 'content-type').header('access-control-max-age', '600');
    return reply.code(204).send();
  });

  app.post('/csat/:token', { schema: { hide: true, params: TokenParams, querystring: LangQuery }, config: perIp(20) }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    const answer = { rating: str(body.rating) ?? '', reason: str(body.reason) || null, comment: str(body.comment) };
    if (isJson(request)) {
      cors(reply);
      const view = await rateByToken(deps, request.params.token, answer);
      return presentPublicSurvey(view.survey, view.ticket.number, deps.clock.now().toISOString());
    }
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').type('text/html; charset=utf-8');
    let view: SurveyView;
    try {
      view = await openSurvey(deps, request.params.token);
    } catch (err) {
      if (!isAppError(err) || err.code !== 'not_found') throw err;
      return reply.code(404).send(notFoundPage(pageLang(request.query.lang, null)));
    }
    const lang = pageLang(request.query.lang, view);
    try {
      const rated = await rateByToken(deps, request.params.token, answer);
      return answerPage(lang, request.params.token, rated, deps.clock.now().toISOString(), t(lang, 'csat.page.thanks'));
    } catch (err) {
      if (!isAppError(err) || (err.code !== 'conflict' && err.code !== 'invalid_input')) throw err;
      reply.code(err.code === 'conflict' ? 409 : 400);
      // Re-read: the page says what the survey's state is now (answered, closed), or shows the form again.
      return answerPage(lang, request.params.token, await openSurvey(deps, request.params.token), deps.clock.now().toISOString(), null);
    }
  });
};

function portalToken(request: FastifyRequest): string {
  const raw = request.headers['x-portal-token'];
  if (typeof raw !== 'string' || raw === '') throw notFound('Request');
  return raw;
}

/** Inside /api/v1. */
export const csatApiRoutes: FastifyPluginAsyncTypebox<{ deps: HttpDeps }> = async (app, { deps }) => {
  app.get(
    '/portal/csat',
    { schema: { tags: ['csat'], summary: 'The survey of a help-center request (status-page token in x-portal-token)', response: { 200: PortalCsatJson, ...errors(404, 429) } }, config: perIp(120) },
    async (request) => {
      const token = portalToken(request);
      const survey = await portalSurvey(deps, token);
      if (!survey) return { survey: null };
      const ticket = await deps.store.tickets.get(survey.ticketId);
      return { survey: presentPublicSurvey(survey, ticket?.number ?? 0, deps.clock.now().toISOString()) };
    },
  );

  app.post(
    '/portal/csat',
    { schema: { tags: ['csat'], summary: 'Rate a help-center request on its status page', body: CsatAnswerBody, response: { 200: CsatPublicJson, ...errors(400, 404, 409, 429) } }, config: perIp(20) },
    async (request) => {
      const survey = await rateOnPortal(deps, portalToken(request), request.body);
      const ticket = await deps.store.tickets.get(survey.ticketId);
      return presentPublicSurvey(survey, ticket?.number ?? 0, deps.clock.now().toISOString());
    },
  );

  app.get(
    '/tickets/:id/csat',
    { schema: { tags: ['csat'], summary: "A ticket's satisfaction surveys (comments for supervisors and admins)", params: IdParams, response: { 200: TicketCsatJson, ...errors(400, 401, 404) } } },
    async (request) => {
      const { surveys, showComments } = await ticketSurveys(deps, principalOf(request), request.params.id);
      return { surveys: surveys.map(presentSurvey), comments_visible: showComments };
    },
  );

  app.get(
    '/brands/:id/csat-settings',
    { schema: { tags: ['csat'], summary: "A brand's survey settings", params: IdParams, response: { 200: CsatSettingsJson, ...errors(401, 404) } } },
    async (request) => {
      if (!canSeeBrand(principalOf(request), request.params.id)) throw notFound('Brand');
      return csatSettings(deps, request.params.id);
    },
  );

  app.patch(
    '/brands/:id/csat-settings',
    { schema: { tags: ['csat'], summary: "Change a brand's survey settings (admins)", params: IdParams, body: CsatSettingsPatch, response: { 200: CsatSettingsJson, ...errors(400, 401, 403, 404) } } },
    async (request) => updateCsatSettings(deps, principalOf(request), request.params.id, request.body),
  );
};
