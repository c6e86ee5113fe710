/**
 * The conversation of a ticket: each message with its delivery state (queued, sent, retrying, failed with the
 * reason, on the status page only, no channel), long threads opened at the latest message with the middle
 * collapsed (issue 19: a long thread put the composer 3,000 px down).
 */
import { useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { formatTime, useLang } from '../../../shared/i18n';
import { AttachmentLinks } from '../../parts/files';
import type { TicketView } from '../../types';

type Msg = TicketView['messages'][number];

/** Threads longer than this show the first message, a "show earlier" button, and the last KEEP_LAST. */
export const COLLAPSE_OVER = 8;
const KEEP_LAST = 4;

export function Thread({ ticketId, messages }: { ticketId: string; messages: Msg[] }) {
  const { t } = useLang();
  const [expanded, setExpanded] = useState(false);
  const lastRef = useRef<HTMLLIElement>(null);
  const opened = useRef<string | null>(null);
  useEffect(() => setExpanded(false), [ticketId]);
  // Open at the latest message once per ticket (not on every live refresh, which would pull the reader down).
  useEffect(() => {
    if (opened.current === ticketId || messages.length === 0) return;
    opened.current = ticketId;
    lastRef.current?.scrollIntoView({ block: 'center' });
  }, [ticketId, messages.length]);

  const collapse = !expanded && messages.length > COLLAPSE_OVER;
  const hidden = collapse ? messages.length - 1 - KEEP_LAST : 0;
  const shown = collapse ? [messages[0]!, ...messages.slice(-KEEP_LAST)] : messages;
  return (
    <ol className="messages" aria-label={t('agent.ticket.conversation')} data-hidden-messages={hidden}>
      {shown.map((m, i) => (
        <MessageItem key={m.id} m={m} ref={m === messages[messages.length - 1] ? lastRef : undefined}>
          {collapse && i === 0 ? (
            <button type="button" className="secondary thread-more" onClick={() => setExpanded(true)}>
              {t('thread.show_earlier', { count: hidden })}
            </button>
          ) : null}
        </MessageItem>
      ))}
    </ol>
  );
}

function MessageItem({ m, ref, children }: { m: Msg; ref?: Ref<HTMLLIElement>; children?: ReactNode }) {
  const { t, lang } = useLang();
  return (
    <>
      <li ref={ref} className={`msg ${m.public ? `public from-${m.author.type}` : 'note'}`} data-message-kind={m.public ? 'public' : 'note'} data-message-id={m.id}>
        <p className="row meta">
          <strong>{m.author.name ?? t(`agent.author.${m.author.type}`)}</strong>
          {!m.public ? <span className="badge note-badge">{t('agent.ticket.internal_note')}</span> : null}
          <time dateTime={m.created_at}>{formatTime(m.created_at, lang)}</time>
          {m.public && m.author.type === 'agent' && m.channel === 'email' ? <span className="badge">{t('agent.channel.email')}</span> : null}
          {m.delivery ? <DeliveryState d={m.delivery} /> : null}
        </p>
        <p className="body-text">{m.body}</p>
        {(m.channel_checks ?? [])
          .filter((c) => c.verdict === 'lookalike')
          .map((c) => (
            <p key={c.value} className="warn" role="note">
              {t('agent.ticket.lookalike_warning', { value: c.value })} {c.reason[lang === 'zh-CN' ? 'zh-CN' : 'en']}
            </p>
          ))}
        <AttachmentLinks attachments={m.attachments} />
      </li>
      {children ? <li className="thread-gap">{children}</li> : null}
    </>
  );
}

function DeliveryState({ d }: { d: NonNullable<Msg['delivery']> }) {
  const { t } = useLang();
  const bad = d.status === 'failed' || d.status === 'no_channel';
  const text =
    d.status === 'failed'
      ? t('thread.delivery.failed', { reason: d.error ?? t('history.failed_unknown') })
      : d.status === 'retrying'
        ? t('thread.delivery.retrying', { count: d.attempts, reason: d.error ?? '' })
        : t(`thread.delivery.${d.status}`);
  return (
    <span className={bad ? 'badge hot-badge' : 'muted'} data-delivery={d.status}>
      {text}
    </span>
  );
}
