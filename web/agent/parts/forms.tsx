/** Parts of the console's forms: an action with its error or success line, and a labelled field. */
import { useState, type ReactNode } from 'react';
import { useLang } from '../../shared/i18n';
import { errorText } from './errors';

/** Runs an admin action and keeps its error or success message for <Status>. */
export function useAction(): { error: string | null; done: string | null; run: (fn: () => Promise<unknown>, ok?: string) => Promise<void> } {
  const { t } = useLang();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return {
    error,
    done,
    async run(fn, ok) {
      setError(null);
      setDone(null);
      try {
        await fn();
        setDone(ok ?? t('agent.ticket.saved'));
      } catch (err) {
        setError(errorText(t, err));
      }
    },
  };
}

export function Status({ error, done }: { error: string | null; done: string | null }) {
  return (
    <>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p className="ok" role="status">
          {done}
        </p>
      ) : null}
    </>
  );
}

export function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}
