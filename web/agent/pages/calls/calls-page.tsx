/**
 * The Calls page (/agent/calls): the hotline's waiting callers in the order to take them (emergencies first),
 * taking one (the provider brings the caller to the agent), and the callbacks to make: "Call now" places one
 * through the provider (click-to-call, its status live), or the agent dials by hand and marks it done. The page reads
 * /api/v1/calls/* and reloads on the desk's `call.*` notices, so callers come and go without a reload.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, get, post } from '../../../shared/api';
import { formatTime, relativeTime, useLang, type T } from '../../../shared/i18n';
import { useDesk, useNotices, type Desk } from '../../parts/desk';
import { errorText } from '../../parts/errors';
import { Link } from '../../parts/link';
import { type CallbackRequest, type Notice, type QueuedCall, type contract } from '../../types';
import { CallLog } from './call-log';
import { CallNow } from '../../parts/call-now';

const QUEUE_PATH = '/api/v1/calls/queue';
const CALLBACKS_PATH = '/api/v1/calls/callbacks?status=open';
/** Callbacks marked done by a colleague send no notice: look again now and then. */
const REFRESH_MS = 30_000;
const isCallNotice = (n: Notice) => n.type.startsWith('call.');
const FINAL_PLACEMENTS: ReadonlySet<unknown> = new Set(['completed', 'agent_no_answer', 'agent_busy', 'customer_no_answer', 'customer_busy', 'failed', 'agent_not_confirmed']);

/** A phone number with all but its last four digits hidden; withheld numbers have no digits to show. */
export function maskNumber(number: string): string | null {
  const digits = number.replace(/\D/g, '');
  if (digits.length < 4) return null;
  let keep = 4;
  let out = '';
  for (let i = number.length - 1; i >= 0; i--) {
    const ch = number[i]!;
    if (/\d/.test(ch)) out = (keep-- > 0 ? ch : '•') + out;
    else out = ch + out;
  }
  return out;
}

/** 65 → "1:05", 3725 → "1:02:05". */
function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function languageName(t: T, language: string | null | undefined): string {
  if (language === 'zh-CN' || language === 'zh') return t('agent.calls.language_zh');
  if (language === 'en') return t('agent.calls.language_en');
  return language || t('agent.calls.language_none');
}

const brandName = (desk: Desk, id: string) => desk.brands.find((b) => b.id === id)?.name ?? '';

function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && !!target.closest('input, textarea, select, [contenteditable="true"]');
}

export function CallsPage() {
  const { t, lang } = useLang();
  const desk = useDesk();
  const [queue, setQueue] = useState<QueuedCall[] | null>(null);
  const [loadedAt, setLoadedAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  const [callbacks, setCallbacks] = useState<CallbackRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Null while the desk can take calls; the server's reason when its provider API is not configured.
  const [unavailable, setUnavailable] = useState<{ message: string; missing: string[] } | null>(null);
  const [taking, setTaking] = useState<string | null>(null);
  const [taken, setTaken] = useState<{ number: string | null; ticketNumber: number | null; ticketId: string | null } | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const [dialing, setDialing] = useState<string | null>(null);
  const [marking, setMarking] = useState<string | null>(null);
  const [logKey, setLogKey] = useState(0);
  const queueRef = useRef(queue);
  queueRef.current = queue;

  const load = useCallback(async () => {
    try {
      const [q, c] = await Promise.all([
        get<typeof contract.CallQueue>(QUEUE_PATH),
        get<typeof contract.CallbackList>(CALLBACKS_PATH),
      ]);
      const at = Date.now();
      setQueue(q.calls);
      setUnavailable(q.take_available ? null : { message: q.take_unavailable_reason ?? '', missing: q.take_unavailable_missing ?? [] });
      setLoadedAt(at);
      setNow(at);
      setCallbacks(c.callbacks);
      setLogKey((k) => k + 1);
      setError(null);
    } catch (err) {
      setError(errorText(t, err));
    }
  }, [t]);

  useEffect(() => {
    void load();
    const every = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(every);
  }, [load]);
  useNotices((notices) => {
    if (notices.some(isCallNotice)) void load();
    // A placed callback leaves the list once the customer was reached: say so where the row was.
    const ended = notices.filter((n) => n.type === 'call.callback_status' && typeof n.data.status === 'string' && FINAL_PLACEMENTS.has(n.data.status)).at(-1);
    if (ended) setNotice({ text: t(`c2c.status_${String(ended.data.status)}`), error: ended.data.status !== 'completed' });
  }, 200);
  // The time waited ticks every second between loads.
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  const reveal = (id: string) =>
    setRevealed((all) => {
      const next = new Set(all);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const take = useCallback(
    async (entry: QueuedCall) => {
      if (taking || unavailable) return;
      setTaking(entry.call.id);
      setNotice(null);
      setTaken(null);
      try {
        await post(`/api/v1/calls/${encodeURIComponent(entry.call.id)}/take`);
        const number = entry.call.caller_phone ?? entry.call.from;
        setTaken({ number: maskNumber(number), ticketNumber: entry.ticket_number, ticketId: entry.call.ticket_id });
        setQueue((q) => q?.filter((x) => x.call.id !== entry.call.id) ?? q);
      } catch (err) {
        if (err instanceof ApiError && err.status === 409) setNotice({ text: t('agent.calls.take_conflict'), error: true });
        else if (err instanceof ApiError && err.status === 503 && /not configured/i.test(err.message)) {
          setUnavailable({ message: err.message, missing: [...new Set(err.message.match(/TWILIO_[A-Z_]+/g) ?? [])] });
        } else if (err instanceof ApiError && err.status === 503) setNotice({ text: t('agent.calls.take_refused'), error: true });
        else setNotice({ text: errorText(t, err), error: true });
      } finally {
        setTaking(null);
        void load();
      }
    },
    [taking, unavailable, load, t],
  );

  // t takes the first waiting call, unless the agent is typing or a dialog is open.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 't' || e.repeat || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const first = queueRef.current?.[0];
      if (!first) return;
      e.preventDefault();
      void take(first);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [take]);

  const markDone = async (request: CallbackRequest) => {
    setMarking(request.id);
    setNotice(null);
    try {
      await post(`/api/v1/calls/callbacks/${encodeURIComponent(request.id)}/done`);
      setNotice({ text: t('agent.calls.callback_marked', { number: maskNumber(request.phone) ?? request.phone }), error: false });
      setDialing(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setNotice({ text: t('agent.calls.callback_already_done'), error: false });
      else setNotice({ text: errorText(t, err), error: true });
    } finally {
      setMarking(null);
      void load();
    }
  };

  const isAdmin = desk.me.agent.role === 'admin';
  const elapsed = Math.max(0, Math.floor((now - loadedAt) / 1000));
  const emergencies = queue?.filter((q) => q.call.emergency).length ?? 0;

  return (
    <section className="calls" aria-labelledby="calls-title">
      <div className="row spread">
        <h1 id="calls-title">{t('agent.calls.title')}</h1>
        <p className="hint calls-keys">{t('agent.calls.keys_hint')}</p>
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {unavailable ? (
        <div className="warn calls-unavailable" id="take-unavailable" role="note">
          <strong>{t('agent.calls.take_unavailable_title')}</strong> {t('agent.calls.take_unavailable_body', {
            names: (unavailable.missing.length ? unavailable.missing : ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN']).join(t('agent.calls.take_unavailable_names_and')),
          })}
          <br />
          <span className="small">{t('agent.calls.server_says', { message: unavailable.message })}</span>
        </div>
      ) : null}
      <div aria-live="polite" className="calls-status">
        {taken ? (
          <p className="card calls-taken" role="status">
            {t('agent.calls.taken', { number: taken.number ?? t('agent.calls.number_withheld') })}{' '}
            {taken.ticketNumber !== null ? (
              <Link to={`/agent/tickets/${taken.ticketNumber}`}>{t('agent.calls.open_ticket', { number: taken.ticketNumber })}</Link>
            ) : taken.ticketId ? (
              <Link to={`/agent/tickets/${taken.ticketId}`}>{t('agent.calls.open_ticket_plain')}</Link>
            ) : null}
          </p>
        ) : null}
        {notice ? <p className={notice.error ? 'error' : 'ok'}>{notice.text}</p> : null}
      </div>

      <section className="calls-section" aria-labelledby="queue-title">
        <h2 id="queue-title">
          {t('agent.calls.queue_title')}{' '}
          <span className="count" data-queue-count={queue?.length ?? ''}>
            {queue ? t('agent.calls.waiting_count', { count: queue.length }) : ''}
          </span>
          {emergencies ? <span className="badge emergency-badge">{t('agent.calls.emergencies_count', { count: emergencies })}</span> : null}
        </h2>
        {queue === null ? (
          error ? null : (
            <p aria-busy="true">{t('common.loading')}</p>
          )
        ) : queue.length === 0 ? (
          <div className="card calls-empty">
            <h3>{t('agent.calls.empty_title')}</h3>
            <p>{t('agent.calls.empty_body')}</p>
            <p className="muted">{isAdmin ? t('agent.calls.empty_admin_hint') : t('agent.calls.empty_agent_hint')}</p>
          </div>
        ) : (
          <table className="tickets calls-queue">
            <caption className="sr-only">{t('agent.calls.queue_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agent.calls.col_place')}</th>
                <th scope="col">{t('agent.calls.col_caller')}</th>
                <th scope="col">{t('common.language')}</th>
                <th scope="col">{t('agent.calls.col_reason')}</th>
                <th scope="col">{t('agent.calls.col_brand')}</th>
                <th scope="col">{t('agent.calls.col_waited')}</th>
                <th scope="col">{t('agent.calls.col_ticket')}</th>
                <th scope="col">
                  <span className="sr-only">{t('agent.calls.col_action')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {queue.map((q, i) => (
                <QueueRow
                  key={q.call.id}
                  entry={q}
                  first={i === 0}
                  waited={q.waiting_seconds + elapsed}
                  shown={revealed.has(q.call.id)}
                  onReveal={() => reveal(q.call.id)}
                  onTake={() => void take(q)}
                  busy={taking !== null}
                  taking={taking === q.call.id}
                  unavailable={!!unavailable}
                  lang={lang}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="calls-section" aria-labelledby="callbacks-title">
        <h2 id="callbacks-title">
          {t('agent.calls.callbacks_title')}{' '}
          <span className="count" data-callback-count={callbacks?.length ?? ''}>
            {callbacks ? callbacks.length : ''}
          </span>
        </h2>
        <p className="hint">{t('agent.calls.callbacks_note')}</p>
        {callbacks === null ? null : callbacks.length === 0 ? (
          <p className="muted calls-none">{t('agent.calls.callbacks_empty')}</p>
        ) : (
          <table className="tickets calls-callbacks">
            <caption className="sr-only">{t('agent.calls.callbacks_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('agent.calls.col_number')}</th>
                <th scope="col">{t('common.language')}</th>
                <th scope="col">{t('agent.calls.col_requested')}</th>
                <th scope="col">{t('agent.calls.col_brand')}</th>
                <th scope="col">{t('agent.calls.col_ticket')}</th>
                <th scope="col">
                  <span className="sr-only">{t('agent.calls.col_action')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {callbacks.map((c) => {
                const masked = maskNumber(c.phone) ?? c.phone;
                const open = dialing === c.id;
                const shown = open || revealed.has(c.id);
                return (
                  <tr key={c.id} data-callback-id={c.id}>
                    <td data-label={t('agent.calls.col_number')}>
                      <span className="mono">{shown ? c.phone : masked}</span>{' '}
                      {!open ? (
                        <button type="button" className="link" aria-pressed={shown} onClick={() => reveal(c.id)} aria-label={shown ? t('agent.calls.hide_number_of', { number: masked }) : t('agent.calls.show_number_of', { number: masked })}>
                          {shown ? t('agent.calls.hide_number') : t('agent.calls.show_number')}
                        </button>
                      ) : null}
                    </td>
                    <td data-label={t('common.language')}>{languageName(t, c.language)}</td>
                    <td data-label={t('agent.calls.col_requested')}>
                      <time dateTime={c.requested_at} title={formatTime(c.requested_at, lang)}>
                        {relativeTime(c.requested_at, lang, now)}
                      </time>
                    </td>
                    <td data-label={t('agent.calls.col_brand')}>{brandName(desk, c.brand_id)}</td>
                    <td data-label={t('agent.calls.col_ticket')}>{c.ticket_id ? <Link to={`/agent/tickets/${c.ticket_id}`}>{t('agent.calls.open_ticket_plain')}</Link> : <span className="muted">—</span>}</td>
                    <td className="calls-action">
                      {open ? (
                        <div className="calls-dial" role="group" aria-label={t('agent.calls.call_back_of', { number: masked })}>
                          <p>
                            {t('agent.calls.dial_from_own_phone')}{' '}
                            <a className="mono" href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>
                              {c.phone}
                            </a>
                          </p>
                          <div className="row">
                            <button type="button" onClick={() => void markDone(c)} disabled={marking === c.id}>
                              {t('agent.calls.mark_done')}
                            </button>
                            <button type="button" className="secondary" onClick={() => setDialing(null)}>
                              {t('agent.calls.cancel')}
                            </button>
                          </div>
                        </div>
                      ) : (
                        <div className="row calls-callback-actions">
                          <CallNow callback={c} label={t('c2c.call_now_of', { number: masked })} />
                          <button type="button" className="secondary" onClick={() => setDialing(c.id)} aria-label={t('agent.calls.call_back_of', { number: masked })}>
                            {t('agent.calls.call_back')}
                          </button>
                        </div>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <CallLog reloadKey={logKey} />
      {isAdmin ? (
        <p className="hint">
          {t('phone_work.settings_hint')} <Link to="/agent/admin/phone">{t('phone_work.settings_link')}</Link>
        </p>
      ) : null}
    </section>
  );
}

interface QueueRowProps {
  entry: QueuedCall;
  first: boolean;
  waited: number;
  shown: boolean;
  onReveal: () => void;
  onTake: () => void;
  busy: boolean;
  taking: boolean;
  unavailable: boolean;
  lang: 'zh-CN' | 'en';
}

function QueueRow({ entry, first, waited, shown, onReveal, onTake, busy, taking, unavailable, lang }: QueueRowProps) {
  const { t } = useLang();
  const desk = useDesk();
  const { call } = entry;
  const number = call.caller_phone ?? call.from;
  const masked = maskNumber(number);
  const label = masked ?? t('agent.calls.number_withheld');
  return (
    <tr className={call.emergency ? 'emergency' : undefined} data-call-id={call.id} data-emergency={call.emergency ? 'true' : 'false'}>
      <td data-label={t('agent.calls.col_place')} data-place={`${entry.position}/${entry.queue_size}`} title={t('agent.calls.place_in_queue', { position: entry.position, size: entry.queue_size, brand: brandName(desk, call.brand_id) })}>
        <span aria-hidden="true">
          {entry.position}
          <span className="muted small"> / {entry.queue_size}</span>
        </span>
        <span className="sr-only">{t('agent.calls.place_in_queue', { position: entry.position, size: entry.queue_size, brand: brandName(desk, call.brand_id) })}</span>
        {first ? <span className="sr-only"> {t('agent.calls.first')}</span> : null}
      </td>
      <td data-label={t('agent.calls.col_caller')}>
        {call.emergency ? <span className="badge emergency-badge">{t('agent.calls.emergency')}</span> : null}{' '}
        <span className="mono" data-caller-number>
          {masked ? (shown ? number : masked) : label}
        </span>{' '}
        {masked ? (
          <button type="button" className="link" aria-pressed={shown} onClick={onReveal} aria-label={shown ? t('agent.calls.hide_number_of', { number: masked }) : t('agent.calls.show_number_of', { number: masked })}>
            {shown ? t('agent.calls.hide_number') : t('agent.calls.show_number')}
          </button>
        ) : null}
        {call.spoofed_caller_id ? (
          <span className="badge unverified-badge" title={t('agent.calls.spoofed_hint')}>
            {t('agent.calls.spoofed')}
          </span>
        ) : null}
      </td>
      <td data-label={t('common.language')}>{languageName(t, call.language)}</td>
      <td data-label={t('agent.calls.col_reason')}>{call.menu_choice ? t(`agent.calls.menu.${call.menu_choice}`) : <span className="muted">{t('agent.calls.menu_none')}</span>}</td>
      <td data-label={t('agent.calls.col_brand')}>{brandName(desk, call.brand_id)}</td>
      <td data-label={t('agent.calls.col_waited')}>
        <time className="calls-waited" dateTime={`PT${waited}S`} title={call.enqueued_at ? formatTime(call.enqueued_at, lang) : undefined}>
          {clock(waited)}
        </time>
        <div className="small muted">{t('agent.calls.estimate', { count: entry.estimated_wait_minutes })}</div>
      </td>
      <td data-label={t('agent.calls.col_ticket')}>
        {entry.ticket_number !== null ? (
          <Link to={`/agent/tickets/${entry.ticket_number}`}>#{entry.ticket_number}</Link>
        ) : call.ticket_id ? (
          <Link to={`/agent/tickets/${call.ticket_id}`}>{t('agent.calls.open_ticket_plain')}</Link>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td className="calls-action">
        <button
          type="button"
          onClick={onTake}
          disabled={busy || unavailable}
          aria-label={t('agent.calls.take_of', { number: label })}
          aria-describedby={unavailable ? 'take-unavailable' : undefined}
          title={unavailable ? t('agent.calls.take_unavailable_title') : undefined}
        >
          {taking ? t('agent.calls.taking') : t('agent.calls.take')}
        </button>
      </td>
    </tr>
  );
}

/** The sidebar's count of waiting callers (and whether an emergency is among them), kept live by desk notices. */
export function useWaitingCalls(): { count: number; emergency: boolean } | null {
  const [state, setState] = useState<{ count: number; emergency: boolean } | null>(null);
  const load = useCallback(() => {
    get<typeof contract.CallQueue>(QUEUE_PATH)
      .then((q) => setState({ count: q.calls.length, emergency: q.calls.some((c) => c.call.emergency) }))
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    load();
    const every = setInterval(load, REFRESH_MS);
    return () => clearInterval(every);
  }, [load]);
  useNotices((notices) => {
    if (notices.some(isCallNotice)) load();
  }, 500);
  return state;
}
