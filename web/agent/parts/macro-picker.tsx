/**
 * The composer's macro picker: a searchable list of the macros this agent may use (shared, team, own), opened
 * with the button, with "m" outside a text field, or Alt+M anywhere. Picking one renders it for the ticket
 * (preview: the conversation's language, placeholders filled in) and puts the text in the composer; sending
 * then applies the macro (the outbound guard, its note and actions, the use count) with the edited text.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { get, post } from '../../shared/api';
import { useLang } from '../../shared/i18n';
import type { contract } from '../types';
import { errorText } from './errors';

type Macro = { id: string; title: string; body: string; note: string | null; usage_count: number | null };

const isTyping = (el: EventTarget | null) => !!(el as HTMLElement | null)?.closest?.('input, textarea, select, [contenteditable="true"]');

export function MacroPicker({ ticketId, onPick }: { ticketId: string; onPick: (text: string, macroId: string, title: string) => void }) {
  const { t } = useLang();
  const [open, setOpen] = useState(false);
  const [macros, setMacros] = useState<Macro[]>([]);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.altKey && e.key.toLowerCase() === 'm') || (e.key === 'm' && !e.ctrlKey && !e.metaKey && !e.altKey && !isTyping(e.target))) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    if (!open) return;
    setError(null);
    get<typeof contract.MacroList>('/api/v1/macros')
      .then((r) => setMacros(r.macros))
      .catch((err) => setError(errorText(t, err)));
    setTimeout(() => inputRef.current?.focus(), 0);
  }, [open]);

  const shown = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return needle ? macros.filter((m) => `${m.title}\n${m.body}`.toLowerCase().includes(needle)) : macros;
  }, [macros, q]);

  const pick = async (m: Macro) => {
    try {
      const r = await post<typeof contract.MacroApplication>(`/api/v1/tickets/${ticketId}/macros/${m.id}?preview=1`);
      onPick(r.text, m.id, m.title);
      setOpen(false);
      setQ('');
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  if (!open) {
    return (
      <button type="button" className="secondary macro-open" onClick={() => setOpen(true)} aria-keyshortcuts="m Alt+M">
        {t('macro.open')}
      </button>
    );
  }
  return (
    <div className="macro-picker" role="dialog" aria-label={t('macro.title')}>
      <label htmlFor="macro-search" className="sr-only">
        {t('macro.search')}
      </label>
      <input
        id="macro-search"
        ref={inputRef}
        value={q}
        placeholder={t('macro.search')}
        role="combobox"
        aria-expanded="true"
        aria-controls="macro-list"
        aria-activedescendant={shown[active] ? `macro-${shown[active].id}` : undefined}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, shown.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter' && shown[active]) void pick(shown[active]);
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
      />
      <ul id="macro-list" role="listbox" className="macro-list">
        {shown.map((m, i) => (
          <li key={m.id} id={`macro-${m.id}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined} onMouseDown={(e) => e.preventDefault()} onClick={() => void pick(m)}>
            <strong>{m.title}</strong>
            {m.usage_count !== null ? <span className="muted"> · {t('macro.used', { count: m.usage_count })}</span> : null}
          </li>
        ))}
        {shown.length === 0 ? <li className="muted">{t('macro.none')}</li> : null}
      </ul>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t('common.close')}
      </button>
    </div>
  );
}
