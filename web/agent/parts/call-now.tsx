/**
 * Click-to-call in the console (issue 19): "Call now" places a callback through the phone provider (the desk rings
 * the agent's own phone, then the customer), and the placement's status follows live from the desk's
 * `call.callback_status` notices. Used on the Calls page's callbacks and on a phone ticket; also the agent's own
 * number field (their profile, and an admin's agent editor).
 */
import { useEffect, useState } from 'react';
import { ApiError, get, post, put } from '../../shared/api';
import { useLang, type T } from '../../shared/i18n';
import { useNotices } from './desk';
import { errorText } from './errors';
import { Link } from './link';
import type { CallbackRequest, contract } from '../types';

type Placement = NonNullable<CallbackRequest['placement_status']>;
const FINAL: ReadonlySet<Placement> = new Set(['completed', 'agent_no_answer', 'agent_busy', 'customer_no_answer', 'customer_busy', 'failed', 'agent_not_confirmed']);

/** What the server's refusal means for the agent, in their language. */
function refusalText(t: T, err: unknown): { text: string; needsPhone: boolean } {
  if (err instanceof ApiError) {
    const reason = typeof err.details.reason === 'string' ? err.details.reason : null;
    if (err.status === 429) return { text: t('c2c.rate_limited'), needsPhone: false };
    if (reason === 'no_agent_phone') return { text: t('c2c.no_agent_phone'), needsPhone: true };
    if (reason === 'in_flight' || reason === 'not_open' || reason === 'not_callable') return { text: t(`c2c.${reason}`), needsPhone: false };
    if (reason === 'provider_refused') return { text: t('c2c.provider_refused', { message: err.message }), needsPhone: false };
    if (err.status === 503) return { text: t('c2c.not_configured', { message: err.message }), needsPhone: false };
  }
  return { text: errorText(t, err), needsPhone: false };
}

/**
 * The button and the live status of one callback's placement. `ensure` may create the callback first (a phone
 * ticket without one in the list); it returns the callback to place.
 */
export function CallNow({
  callback,
  ensure,
  label,
  onPlaced,
}: {
  callback: CallbackRequest | null;
  ensure?: () => Promise<CallbackRequest>;
  /** The accessible name: whom the button calls. */
  label: string;
  onPlaced?: (callback: CallbackRequest) => void;
}) {
  const { t } = useLang();
  const [id, setId] = useState<string | null>(callback?.id ?? null);
  const [status, setStatus] = useState<Placement | null>(callback?.placing ? (callback.placement_status ?? 'queued') : null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ text: string; needsPhone: boolean } | null>(null);
  // The list reloads on every call notice: a placement in flight (also one started in another tab) shows its status.
  useEffect(() => {
    if (!callback) return;
    setId(callback.id);
    if (callback.placing) setStatus(callback.placement_status ?? 'queued');
  }, [callback]);
  useNotices((notices) => {
    for (const n of notices) {
      if (n.type === 'call.callback_status' && id && n.data.callback_id === id && typeof n.data.status === 'string') setStatus(n.data.status as Placement);
    }
  }, 50);
  const inFlight = status !== null && !FINAL.has(status);
  const place = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const target = callback ?? (ensure ? await ensure() : null);
      if (!target) return;
      setId(target.id);
      const placed = await post<typeof contract.CallbackJson>(`/api/v1/calls/callbacks/${encodeURIComponent(target.id)}/place`);
      // A notice may have arrived first: never move the status back to "queued".
      setStatus((s) => (s && s !== 'queued' ? s : (placed.placement_status ?? 'queued')));
      onPlaced?.(placed);
    } catch (err) {
      setProblem(refusalText(t, err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="c2c" data-slot="call-now" data-placement={status ?? ''}>
      <button type="button" onClick={() => void place()} disabled={busy || inFlight} aria-label={label} data-action="call-now">
        {busy ? t('c2c.placing') : t('c2c.call_now')}
      </button>
      {status ? (
        <span role="status" className={`c2c-status ${FINAL.has(status) && status !== 'completed' ? 'error' : status === 'completed' ? 'ok' : ''}`} data-c2c-status={status}>
          {t(`c2c.status_${status}`)}
        </span>
      ) : null}
      {problem ? (
        <span role="alert" className="error c2c-problem">
          {problem.text} {problem.needsPhone ? <Link to="/agent/account">{t('c2c.set_phone_link')}</Link> : null}
        </span>
      ) : null}
    </span>
  );
}

/** An agent's own number for click-to-call: on their profile, and in an admin's agent editor. */
export function AgentPhoneField({ agentId, idPrefix = 'c2c-phone', own }: { agentId: string; idPrefix?: string; own: boolean }) {
  const { t } = useLang();
  const [value, setValue] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  useEffect(() => {
    let live = true;
    setLoaded(false);
    get<typeof contract.AgentPhoneJson>(`/api/v1/calls/agents/${encodeURIComponent(agentId)}/phone`)
      .then((r) => {
        if (!live) return;
        setValue(r.phone ?? '');
        setLoaded(true);
      })
      .catch((err: unknown) => live && setNote({ text: errorText(t, err), error: true }));
    return () => {
      live = false;
    };
  }, [agentId, t]);
  const save = async () => {
    setNote(null);
    try {
      const r = await put<typeof contract.AgentPhoneJson, typeof contract.AgentPhonePut>(`/api/v1/calls/agents/${encodeURIComponent(agentId)}/phone`, { phone: value.trim() || null });
      setValue(r.phone ?? '');
      setNote({ text: r.phone ? t('c2c.saved') : t('c2c.cleared'), error: false });
    } catch (err) {
      setNote({ text: errorText(t, err), error: true });
    }
  };
  const input = `${idPrefix}-input`;
  return (
    <div className="c2c-phone" data-slot="agent-phone">
      <div className="field">
        <label htmlFor={input}>{own ? t('c2c.profile_label') : t('c2c.agent_phone_label')}</label>
        <div className="row">
          <input
            id={input}
            type="tel"
            inputMode="tel"
            autoComplete={own ? 'tel' : 'off'}
            placeholder="+86 138 0013 8000"
            value={value}
            disabled={!loaded}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby={`${idPrefix}-hint`}
            maxLength={40}
          />
          <button type="button" className="secondary" onClick={() => void save()} disabled={!loaded}>
            {t('c2c.save')}
          </button>
        </div>
        <p className="hint" id={`${idPrefix}-hint`}>
          {t('c2c.profile_hint')}
        </p>
      </div>
      {note ? (
        <p className={note.error ? 'error' : 'ok'} role={note.error ? 'alert' : 'status'}>
          {note.text}
        </p>
      ) : null}
    </div>
  );
}
