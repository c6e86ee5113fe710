/** A short-lived notice with an Undo button: the change already happened, Undo puts it back. */
import { useEffect } from 'react';
import { useLang } from '../../shared/i18n';

/** How long an undo toast stays up. */
export const UNDO_MS = 8000;

export function UndoToast({ message, onUndo, onClose, ms = UNDO_MS }: { message: string; onUndo: () => void; onClose: () => void; ms?: number }) {
  const { t } = useLang();
  useEffect(() => {
    const timer = setTimeout(onClose, ms);
    return () => clearTimeout(timer);
  }, [message, ms]);
  return (
    <div className="undo-toast card" role="status" aria-live="polite" data-slot="undo-toast">
      <span>{message}</span>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          onClose();
          onUndo();
        }}
      >
        {t('safety.undo')}
      </button>
    </div>
  );
}
