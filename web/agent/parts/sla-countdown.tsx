/**
 * An SLA deadline as calendar time left ("42 min"), counting down live; red and negative once it passed. Shared
 * by the ticket list and the ticket page.
 */
import { useEffect, useState } from 'react';
import { formatTime, useLang, type T } from '../../shared/i18n';

/** "42 min", "3 h 5 min", "2 d 4 h", "35 s"; negative once past; "now" at the deadline. */
export function timeLeft(t: T, dueMs: number, nowMs: number): string {
  const s = Math.round((dueMs - nowMs) / 1000);
  if (s === 0) return t('sla.now');
  const sign = s < 0 ? '−' : '';
  const abs = Math.abs(s);
  if (abs < 60) return sign + t('sla.seconds', { n: abs });
  const m = Math.floor(abs / 60);
  if (m < 60) return sign + t('sla.minutes', { n: m });
  const h = Math.floor(m / 60);
  if (h < 48) return sign + t('sla.hours', { h, m: m % 60 });
  return sign + t('sla.days', { d: Math.floor(h / 24), h: h % 24 });
}

/** Re-renders every second while mounted. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function SlaCountdown({ due, label }: { due: string | null | undefined; label?: string }) {
  const { t, lang } = useLang();
  const now = useNow();
  if (!due) return <span className="muted">–</span>;
  const dueMs = Date.parse(due);
  const breached = dueMs <= now;
  return (
    <time dateTime={due} title={formatTime(due, lang)} className={`sla-left${breached ? ' sla-breached' : ''}`} data-sla-state={breached ? 'breached' : 'active'} aria-label={label}>
      {timeLeft(t, dueMs, now)}
    </time>
  );
}
