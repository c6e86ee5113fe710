/** What the console shows while it loads: the frame's shape in grey (not a lone "…" on a blank page). */
import { useLang } from '../../shared/i18n';

/** `page`: only the content area (a lazily loaded page inside the frame); otherwise the whole frame. */
export function ConsoleSkeleton({ page = false }: { page?: boolean }) {
  const { t } = useLang();
  const body = (
    <div className="skeleton-page" aria-busy="true" aria-live="polite">
      <span className="sr-only">{t('look.loading')}</span>
      <div className="skeleton skeleton-title" />
      {[0, 1, 2, 3, 4].map((i) => (
        <div key={i} className="skeleton skeleton-row" />
      ))}
    </div>
  );
  if (page) return body;
  return (
    <div className="shell">
      <div className="topbar skeleton-bar" />
      <div className="body">
        <div className="sidebar-wrap skeleton-side">
          {[0, 1, 2, 3, 4, 5].map((i) => (
            <div key={i} className="skeleton skeleton-nav" />
          ))}
        </div>
        <main id="main" className="content">
          {body}
        </main>
      </div>
    </div>
  );
}
