/** A tiny history router: the current location as state, and navigate() for links inside the app. */
import { useEffect, useState } from 'react';

const EVENT = 'walletdesk:navigate';

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(EVENT));
}

export interface Loc {
  path: string;
  search: URLSearchParams;
  hash: string;
}

const read = (): Loc => ({ path: location.pathname.replace(/\/+$/, '') || '/', search: new URLSearchParams(location.search), hash: location.hash.slice(1) });

export function useLocation(): Loc {
  const [loc, setLoc] = useState(read);
  useEffect(() => {
    const update = () => setLoc(read());
    window.addEventListener('popstate', update);
    window.addEventListener('hashchange', update);
    window.addEventListener(EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener('hashchange', update);
      window.removeEventListener(EVENT, update);
    };
  }, []);
  return loc;
}

/** An in-app link: a real <a href> (open in new tab works) that navigates without a reload. */
export function onLinkClick(e: { preventDefault(): void; metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; button?: number }, to: string): void {
  if (e.metaKey || e.ctrlKey || e.shiftKey || (e.button ?? 0) !== 0) return;
  e.preventDefault();
  navigate(to);
}
