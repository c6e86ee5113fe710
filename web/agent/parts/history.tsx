/**
 * A ticket's (or customer's) history as sentences in the viewer's language and times in their time zone: never
 * an event code or an ISO string. One sentence per event type (`history.sentence.*`, a test checks every type of
 * core's closed list has one in both languages), then the changed fields with their values translated.
 */
import { formatTime, useLang, type T } from '../../shared/i18n';
import type { DeskEvent } from '../types';
import { agentName, useDesk, type Desk } from './desk';

/** The catalogue key of an event type's sentence. */
export const sentenceKey = (type: string): string => `history.sentence.${type.replace(/\./g, '__')}`;

function actorText(t: T, desk: Desk, ev: DeskEvent): string {
  if (ev.actor.type === 'agent' && ev.actor.id) return agentName(desk, ev.actor.id);
  return t(`agent.author.${ev.actor.type === 'agent' || ev.actor.type === 'customer' ? ev.actor.type : 'system'}`);
}

function valueText(t: T, desk: Desk, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('history.nobody');
  if (field === 'status') return t(`agent.status.${String(value)}`);
  if (field === 'priority') return t(`agent.priority.${String(value)}`);
  if (field === 'category') return t(`agent.category.${String(value)}`);
  if (field === 'assigneeId') return agentName(desk, String(value));
  if (field === 'teamId') return desk.teams.find((tm) => tm.id === value)?.name ?? String(value).slice(0, 8);
  if (Array.isArray(value)) return value.map(String).join(', ') || t('history.nobody');
  return String(value);
}

const SHOWN_FIELDS = new Set(['status', 'priority', 'category', 'assigneeId', 'teamId', 'tags', 'subject', 'name', 'language', 'role', 'active']);

/** One event as a sentence; the changed fields follow as "field: before → after". */
export function historySentence(t: T, desk: Desk, ev: DeskEvent): { sentence: string; changes: string[] } {
  const actor = actorText(t, desk, ev);
  const vars: Record<string, unknown> = { actor, number: ev.data.target_number ?? ev.data.source_number ?? '', error: ev.data.error ?? t('history.failed_unknown') };
  let key = sentenceKey(ev.type);
  // Whose phone did not answer a callback the desk placed, when the entry says.
  if (ev.type === 'call.callback_unanswered' && (ev.data.party === 'agent' || ev.data.party === 'customer')) key = `c2c.history_unanswered_${ev.data.party}`;
  if (ev.type === 'message.added') {
    key = ev.data.author_type === 'agent' ? (ev.data.public === false ? 'history.internal_note' : 'history.public_reply') : ev.data.author_type === 'customer' ? 'history.customer_wrote' : key;
  }
  let sentence = t(key, vars);
  if (sentence === key) sentence = t('history.unknown', { actor });
  const changes = Object.entries(ev.changes)
    .filter(([field]) => SHOWN_FIELDS.has(field))
    .map(([field, [before, after]]) =>
      t('history.change', { field: t(`history.field.${field}`), before: valueText(t, desk, field, before), after: valueText(t, desk, field, after) }),
    );
  if (typeof ev.data.rule_name === 'string') changes.push(t('rules.by_rule', { name: ev.data.rule_name }));
  return { sentence, changes };
}

/** The list of a ticket's history entries, newest last. */
export function HistoryList({ events }: { events: DeskEvent[] }) {
  const { t, lang } = useLang();
  const desk = useDesk();
  return (
    <ol className="history-list">
      {events.map((ev) => {
        const { sentence, changes } = historySentence(t, desk, ev);
        return (
          <li key={ev.id} data-event-type={ev.type}>
            <time dateTime={ev.at}>{formatTime(ev.at, lang)}</time> · <span>{sentence}</span>
            {changes.length ? <span className="muted"> ({changes.join('; ')})</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
