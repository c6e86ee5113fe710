/**
 * Light or dark: the person's choice for this browser (localStorage walletdesk.theme: light | dark), else the
 * system's (prefers-color-scheme, followed live). The resolved theme is set as <html data-theme>, which picks
 * the token set of tokens.css.
 */
import { useSyncExternalStore } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: ThemeChoice[] = ['system', 'light', 'dark'];
const KEY = 'walletdesk.theme';
const listeners = new Set<() => void>();

function systemDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The stored choice; 'system' when nothing (or nothing valid) is stored or storage is unavailable. */
export function themeChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** The theme shown now. */
export function resolvedTheme(choice: ThemeChoice = themeChoice()): 'light' | 'dark' {
  return choice === 'system' ? (systemDark() ? 'dark' : 'light') : choice;
}

function apply(): void {
  document.documentElement.dataset.theme = resolvedTheme();
  for (const l of listeners) l();
}

/** Keeps the choice (or forgets it for 'system') and repaints. */
export function setThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    // private mode: the choice lasts for this page only
  }
  current = choice;
  apply();
}

let current: ThemeChoice = themeChoice();
let started = false;

/** Applies the theme before the first render and follows the system, and other tabs, from then on. */
export function startTheme(): void {
  if (started) return;
  started = true;
  apply();
  if (typeof matchMedia === 'function') matchMedia('(prefers-color-scheme: dark)').addEventListener('change', apply);
  addEventListener('storage', (e) => {
    if (e.key !== KEY) return;
    current = themeChoice();
    apply();
  });
}

/** The current choice; components re-render when it (or the system's theme) changes. */
export function useTheme(): { choice: ThemeChoice; theme: 'light' | 'dark' } {
  const key = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => `${current}:${resolvedTheme(current)}`,
  );
  const [choice, theme] = key.split(':') as [ThemeChoice, 'light' | 'dark'];
  return { choice, theme };
}
