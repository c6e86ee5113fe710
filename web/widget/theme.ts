/**
 * Light or dark for the widget. The embedding site chooses: `light`, `dark`, or `auto` (the default). `auto`
 * follows the system's prefers-color-scheme, except on the desk's own pages (the help center), where it follows
 * the page's own switch, <html data-theme> (web/shared/theme.ts), so the widget never disagrees with the page
 * around it. The resolved theme is set as data-theme on the widget's host element, which picks the token set
 * inside the shadow root (styles.ts).
 */
export type WidgetTheme = 'light' | 'dark' | 'auto';

/** A setting from the host (init option or data attribute); anything else means `auto`. */
export function pickTheme(value: unknown): WidgetTheme {
  return value === 'light' || value === 'dark' ? value : 'auto';
}

/** Keeps element[data-theme] resolved from the choice; `set` changes the choice later. */
export function followTheme(element: HTMLElement, choice: WidgetTheme, ownPage: boolean): { set(choice: WidgetTheme): void } {
  const system = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  const html = document.documentElement;
  const pageTheme = () => (ownPage && (html.dataset.theme === 'light' || html.dataset.theme === 'dark') ? html.dataset.theme : null);
  const apply = () => {
    element.dataset.theme = choice === 'auto' ? (pageTheme() ?? (system?.matches ? 'dark' : 'light')) : choice;
  };
  system?.addEventListener('change', apply);
  // Only our own pages set <html data-theme> for us; another site's attribute of that name means nothing here.
  if (ownPage) new MutationObserver(apply).observe(html, { attributes: true, attributeFilter: ['data-theme'] });
  apply();
  return {
    set(next) {
      choice = pickTheme(next);
      apply();
    },
  };
}
