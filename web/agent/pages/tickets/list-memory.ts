/**
 * What a ticket list remembers for Back: its status filter and scroll position, per list, in sessionStorage
 * (this tab only). Returning from a ticket shows the same filter at the same place.
 */
import { useEffect, useRef } from 'react';

const filterKey = (list: string) => `walletdesk.list.filter.${list}`;
const scrollKey = (list: string) => `walletdesk.list.scroll.${list}`;

/** The list's remembered status filter, or `fallback`. */
export function rememberedFilter(list: string, fallback: string): string {
  try {
    return sessionStorage.getItem(filterKey(list)) ?? fallback;
  } catch {
    return fallback;
  }
}

/** Remembers the list's status filter. */
export function rememberFilter(list: string, status: string): void {
  try {
    sessionStorage.setItem(filterKey(list), status);
  } catch {
    // storage unavailable: the filter is not kept
  }
}

/**
 * Keeps the window's scroll position for `list` while it is shown, and restores it once `ready` (the rows are
 * there). Positions are recorded on scroll, so leaving the page records nothing new.
 */
export function useListScroll(list: string, ready: boolean): void {
  const restored = useRef(false);
  useEffect(() => {
    if (!ready || restored.current) return;
    restored.current = true;
    const y = Number(sessionStorage.getItem(scrollKey(list)) ?? 0);
    if (y > 0) window.scrollTo(0, y);
  }, [list, ready]);
  useEffect(() => {
    if (!ready) return;
    const onScroll = () => {
      try {
        sessionStorage.setItem(scrollKey(list), String(Math.round(window.scrollY)));
      } catch {
        // storage unavailable
      }
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, [list, ready]);
}
