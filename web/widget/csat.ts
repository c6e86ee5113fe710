/**
 * The satisfaction question inline in the chat: the desk's survey line carries a one-time link
 * (…/csat/<token>); the widget draws Good / Bad under it (a reason and a comment after "Bad") and posts the
 * answer as JSON to that link. The link is the only credential, so this works from any page.
 */
import { h } from './dom';
import { t, type Lang, type StringKey } from './strings';

const LINK = /(https?:\/\/[^\s]+\/csat\/v1\.[A-Za-z0-9_-]+)/;
const REASONS = ['slow', 'not_solved', 'unfriendly', 'unclear', 'other'] as const;

/** The line's text without the link (the buttons stand for it), or the text as it is. */
export function withoutLink(body: string): string {
  const link = surveyLink(body);
  return link ? body.replace(link, '').replace(/[\s:：]+$/u, '') : body;
}

/** The survey link in a system line's text, or null. */
export function surveyLink(body: string): string | null {
  return LINK.exec(body)?.[1] ?? null;
}

/** Answers already given in this page, so a redrawn line keeps saying thank you. */
const answered = new Map<string, StringKey>();

/** The controls for one survey link. */
export function csatControls(lang: Lang, url: string): HTMLElement {
  const box = h('div', { class: 'csat', 'data-csat': '' });
  const done = (key: StringKey) => {
    answered.set(url, key);
    box.replaceChildren(h('p', { class: 'csat-done', role: 'status' }, t(lang, key)));
  };
  const given = answered.get(url);
  if (given) {
    done(given);
    return box;
  }
  const status = h('p', { class: 'csat-error', role: 'alert', hidden: true });
  const send = async (rating: 'good' | 'bad', reason: string | null, comment: string | null) => {
    status.hidden = true;
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rating, reason, comment }) });
      if (res.ok) return done('csat_thanks');
      const err = ((await res.json().catch(() => null)) as { error?: { message?: string; details?: { state?: string } } } | null)?.error;
      if (res.status === 409) return done(err?.details?.state === 'rated' ? 'csat_already' : 'csat_closed');
      status.textContent = t(lang, 'error', { reason: err?.message ?? String(res.status) });
    } catch (e) {
      status.textContent = t(lang, 'error', { reason: e instanceof Error ? e.message : String(e) });
    }
    status.hidden = false;
  };
  const good = h('button', { type: 'button', class: 'csat-good' }, t(lang, 'csat_good'));
  const bad = h('button', { type: 'button', class: 'csat-bad' }, t(lang, 'csat_bad'));
  good.addEventListener('click', () => void send('good', null, null));
  bad.addEventListener('click', () => {
    const reason = h('select', { 'aria-label': t(lang, 'csat_reason') }, h('option', { value: '' }, t(lang, 'csat_reason_none')), ...REASONS.map((r) => h('option', { value: r }, t(lang, `csat_reason_${r}` as StringKey))));
    const comment = h('textarea', { 'aria-label': t(lang, 'csat_comment'), placeholder: t(lang, 'csat_comment'), maxlength: '2000', rows: '2' });
    const submit = h('button', { type: 'button', class: 'csat-send' }, t(lang, 'csat_send'));
    submit.addEventListener('click', () => void send('bad', reason.value || null, comment.value.trim() || null));
    box.replaceChildren(h('p', {}, t(lang, 'csat_reason')), reason, comment, submit, status);
    reason.focus();
  });
  box.append(h('div', { class: 'csat-row', role: 'group', 'aria-label': t(lang, 'csat_question') }, good, bad), status);
  return box;
}
