/**
 * Satisfaction surveys (issue 16). After a solve, the csat-survey processor schedules a survey (a row and a
 * durable job due after the brand's delay, 24 h by default). When due, `sendSurvey` asks the customer in the
 * channel they used: a one-time link by e-mail (e-mail, phone with a known caller, API, help center), a line in
 * the conversation for chat (the widget shows the buttons inline) and Telegram; the help center's status page
 * shows it too. The link's token is sealed with the install's key (authenticated, so it cannot be forged) and
 * names the survey; the survey takes one answer, within 28 days. A reopened and solved again ticket gets a new
 * survey (the old one, if unanswered, is cancelled).
 */
import { conflict, invalid, notFound } from '../core/errors.js';
import { SYSTEM } from '../core/event.js';
import { newId } from '../core/ids.js';
import type { Message } from '../core/message.js';
import { assertCanSeeTicket, type Principal } from '../core/policy.js';
import { roleAtLeast } from '../core/people.js';
import type { Ticket } from '../core/ticket.js';
import { language, t } from '../i18n/index.js';
import { historyEvent } from './history.js';
import { announce } from './live.js';
import { queueCustomerNotice } from './notify-customer.js';
import { openPortalLink } from '../channels/help-center/portal-links.js';
import type { Deps } from './ports.js';
import { CSAT_RATINGS, CSAT_REASONS, type CsatRating, type CsatReason, type CsatSurvey } from './quality-ports.js';
import { deliversOn, queueDelivery } from './queue-delivery.js';
import { shieldWrittenText } from './shield-inbound.js';
import { loadVisibleTicket } from './ticket-access.js';

export { CSAT_SEND_JOB, DEFAULT_CSAT_SETTINGS, csatSettings, scheduleSurvey, updateCsatSettings, type CsatSettings } from './csat-schedule.js';

/** How long a customer may answer after being asked. */
export const CSAT_ANSWER_DAYS = 28;
export const MAX_CSAT_COMMENT = 2000;

/** The token of a survey's answer link: the survey id sealed with the install's key (cannot be forged or altered). */
export function csatToken(deps: Pick<Deps, 'secrets'>, surveyId: string): string {
  return deps.secrets.seal(`csat:${surveyId}`);
}

/** The survey a token names, or not_found for anything forged, altered or unknown. */
export function surveyIdOf(deps: Pick<Deps, 'secrets'>, token: string): string {
  if (!/^v1\.[A-Za-z0-9_-]{40,200}$/.test(token)) throw notFound('Survey');
  let plain: string;
  try {
    plain = deps.secrets.open(token);
  } catch {
    throw notFound('Survey');
  }
  if (!plain.startsWith('csat:')) throw notFound('Survey');
  return plain.slice(5);
}

export const csatPath = (token: string): string => `/csat/${token}`;

export type SendDeps = Pick<Deps, 'store' | 'clock' | 'bus' | 'senders' | 'secrets' | 'jobsNudge'> & { publicUrl: string };

/**
 * The job: asks the customer, unless the ticket was reopened meanwhile (then the survey is cancelled; the next
 * solve brings a new one). Earlier unanswered surveys of the ticket are cancelled: the newest solve is asked about.
 */
export async function sendSurvey(deps: SendDeps, surveyId: string): Promise<'requested' | 'cancelled' | 'skipped'> {
  const survey = await deps.store.csat.get(surveyId);
  if (!survey || survey.state !== 'scheduled') return 'skipped';
  const ticket = await deps.store.tickets.get(survey.ticketId);
  const at = deps.clock.now().toISOString();
  const cancel = async (reason: string) => {
    await deps.store.transaction(async (tx) => {
      if (!(await tx.csat.cancel(survey.id))) return;
      await tx.events.append([historyEvent({ type: 'csat.cancelled', actor: SYSTEM, at, subjectType: 'ticket', subjectId: survey.ticketId, data: { survey_id: survey.id, reason } })]);
    });
    return 'cancelled' as const;
  };
  if (!ticket || (ticket.status !== 'solved' && ticket.status !== 'closed')) return cancel('reopened');
  const [brand, requester] = await Promise.all([deps.store.brands.get(ticket.brandId), deps.store.customers.get(ticket.requesterId)]);
  if (!brand || !requester) return cancel('unreachable');
  const lang = language(ticket.language ?? requester.language, brand.defaultLanguage);
  const url = `${deps.publicUrl}${csatPath(csatToken(deps, survey.id))}`;
  const email = requester.emails[0] ?? null;

  // Chat and Telegram: a line in the conversation (the widget draws the buttons inline).
  const inConversation = ticket.channel === 'chat' || (ticket.channel === 'telegram' && deliversOn(deps, 'telegram'));
  const via: string[] = [];
  if (inConversation) via.push(ticket.channel);
  else if (ticket.channel === 'web') via.push('status_page');
  if (!inConversation && email) via.push('email');
  if (via.length === 0) return cancel('unreachable');

  const expiresAt = new Date(Date.parse(at) + CSAT_ANSWER_DAYS * 86_400_000).toISOString();
  let message: Message | null = null;
  const requested = await deps.store.transaction(async (tx) => {
    if (!(await tx.csat.markRequested(survey.id, at, expiresAt))) return false;
    for (const older of await tx.csat.listForTicket(ticket.id)) {
      if (older.id !== survey.id && older.state === 'requested') await tx.csat.cancel(older.id);
    }
    if (inConversation) {
      message = {
        id: newId(),
        ticketId: ticket.id,
        authorType: 'system',
        authorId: null,
        public: true,
        body: t(lang, 'csat.conversation', { number: ticket.number, url }),
        bodyHtml: null,
        channel: ticket.channel,
        sourceId: null,
        meta: { kind: 'csat', survey_id: survey.id },
        delivery: null,
        createdAt: at,
      };
      await tx.messages.insert(message);
      if (deliversOn(deps, ticket.channel)) message.delivery = await queueDelivery(tx, message.id, at);
    }
    if (via.includes('email')) await queueCustomerNotice(tx, { kind: 'csat', ticketId: ticket.id, to: email, url, key: survey.id }, at);
    await tx.events.append([
      historyEvent({ type: 'csat.requested', actor: SYSTEM, at, subjectType: 'ticket', subjectId: ticket.id, data: { survey_id: survey.id, via, expires_at: expiresAt } }),
    ]);
    return true;
  });
  if (!requested) return 'skipped';
  deps.jobsNudge?.();
  const sent = message as Message | null;
  if (sent) {
    await announce(deps, [
      { type: 'message.added', brandId: ticket.brandId, ticketId: ticket.id, data: { number: ticket.number, status: ticket.status, public: true, message_id: sent.id, author_type: 'system' } },
    ]);
  }
  return 'requested';
}

export interface CsatAnswer {
  rating: string;
  reason?: string | null;
  comment?: string | null;
}

function checkAnswer(answer: CsatAnswer): { rating: CsatRating; reason: CsatReason | null; comment: string | null } {
  if (!(CSAT_RATINGS as readonly string[]).includes(answer.rating)) throw invalid('The rating is "good" or "bad".', { field: 'rating' });
  const rating = answer.rating as CsatRating;
  let reason: CsatReason | null = null;
  if (answer.reason) {
    if (!(CSAT_REASONS as readonly string[]).includes(answer.reason)) throw invalid(`The reason is one of ${CSAT_REASONS.join(', ')}.`, { field: 'reason' });
    // A reason is asked only after "bad".
    if (rating === 'bad') reason = answer.reason as CsatReason;
  }
  const raw = (answer.comment ?? '').trim();
  if (raw.length > MAX_CSAT_COMMENT) throw invalid(`The comment is too long (at most ${MAX_CSAT_COMMENT} characters).`, { field: 'comment' });
  // Customers paste anything: a recovery phrase in a comment is removed before it is stored.
  return { rating, reason, comment: raw === '' ? null : shieldWrittenText(raw) };
}

/** The public state of a survey for the customer's page. */
export interface SurveyView {
  survey: CsatSurvey;
  ticket: Ticket;
  brandName: string;
  language: string;
}

async function viewOf(deps: Pick<Deps, 'store'>, survey: CsatSurvey): Promise<SurveyView> {
  const ticket = await deps.store.tickets.get(survey.ticketId);
  if (!ticket) throw notFound('Survey');
  const brand = await deps.store.brands.get(ticket.brandId);
  const requester = await deps.store.customers.get(ticket.requesterId);
  return { survey, ticket, brandName: brand?.name ?? '', language: language(ticket.language ?? requester?.language ?? null, brand?.defaultLanguage ?? 'en') };
}

/** What a survey link opens (GET /csat/:token): never changes anything, so a mail scanner's fetch rates nothing. */
export async function openSurvey(deps: Pick<Deps, 'store' | 'secrets'>, token: string): Promise<SurveyView> {
  const survey = await deps.store.csat.get(surveyIdOf(deps, token));
  if (!survey || survey.state === 'scheduled') throw notFound('Survey');
  return viewOf(deps, survey);
}

/** Whether a survey still takes an answer at `at`. */
export const isOpenForAnswer = (s: CsatSurvey, at: string): boolean => s.state === 'requested' && s.expiresAt !== null && s.expiresAt > at;

async function rate(deps: Pick<Deps, 'store' | 'clock' | 'bus'>, survey: CsatSurvey, answer: CsatAnswer, via: string): Promise<CsatSurvey> {
  const checked = checkAnswer(answer);
  const at = deps.clock.now().toISOString();
  if (survey.state === 'rated') throw conflict('This survey was already answered. Thank you!', { state: 'rated' });
  if (survey.state !== 'requested') throw conflict('This survey is closed: the request changed since we asked.', { state: survey.state });
  if (!isOpenForAnswer(survey, at)) throw conflict(`This survey closed ${CSAT_ANSWER_DAYS} days after we asked.`, { state: 'expired' });
  const ok = await deps.store.transaction(async (tx) => {
    if (!(await tx.csat.rate(survey.id, checked, at))) return false;
    await tx.events.append([
      historyEvent({
        type: 'csat.rated',
        actor: { type: 'customer', id: survey.customerId, via },
        at,
        subjectType: 'ticket',
        subjectId: survey.ticketId,
        // The comment stays in the survey (supervisors read it there), not in the history every agent sees.
        data: { survey_id: survey.id, rating: checked.rating, reason: checked.reason, commented: checked.comment !== null },
      }),
    ]);
    return true;
  });
  // Two answers at once: the second one's conditional update found the survey rated.
  if (!ok) throw conflict('This survey was already answered. Thank you!', { state: 'rated' });
  await announce(deps, [{ type: 'ticket.rated', brandId: survey.brandId, ticketId: survey.ticketId, data: { rating: checked.rating } }]);
  return { ...survey, state: 'rated', ...checked, ratedAt: at };
}

/** An answer through the one-time link (e-mail, the chat widget). */
export async function rateByToken(deps: Pick<Deps, 'store' | 'clock' | 'bus' | 'secrets'>, token: string, answer: CsatAnswer): Promise<SurveyView> {
  const view = await openSurvey(deps, token);
  const survey = await rate(deps, view.survey, answer, 'link');
  return { ...view, survey };
}

/** The survey the help center's status page shows: the newest asked one of the request, or null. */
export async function portalSurvey(deps: Pick<Deps, 'store' | 'clock'>, portalToken: string): Promise<CsatSurvey | null> {
  const { ticket } = await openPortalLink(deps, portalToken);
  const surveys = await deps.store.csat.listForTicket(ticket.id);
  return surveys.find((s) => s.state === 'requested' || s.state === 'rated') ?? null;
}

/** An answer on the status page. */
export async function rateOnPortal(deps: Pick<Deps, 'store' | 'clock' | 'bus'>, portalToken: string, answer: CsatAnswer): Promise<CsatSurvey> {
  const survey = await portalSurvey(deps, portalToken);
  if (!survey) throw notFound('Survey');
  return rate(deps, survey, answer, 'status_page');
}

/** A ticket's surveys for the console: every agent who sees the ticket sees the ratings; comments only supervisors. */
export async function ticketSurveys(deps: Pick<Deps, 'store'>, principal: Principal, ticketRef: string): Promise<{ surveys: CsatSurvey[]; showComments: boolean }> {
  const ticket = await loadVisibleTicket(deps.store, principal, ticketRef);
  assertCanSeeTicket(principal, ticket);
  const showComments = roleAtLeast(principal.role, 'supervisor');
  const surveys = (await deps.store.csat.listForTicket(ticket.id)).map((s) => (showComments ? s : { ...s, comment: null }));
  return { surveys, showComments };
}
