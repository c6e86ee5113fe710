import { useLang } from './i18n';
import { setThemeChoice, THEME_CHOICES, useTheme } from './theme';

const ICON = { system: '◐', light: '☀', dark: '☾' } as const;

/** One button that steps through the themes: as the system → light → dark. Its name says the current one. */
export function ThemeSwitch() {
  const { t } = useLang();
  const { choice } = useTheme();
  const next = THEME_CHOICES[(THEME_CHOICES.indexOf(choice) + 1) % THEME_CHOICES.length]!;
  const name = t('look.theme.now', { theme: t(`look.theme.${choice}`) });
  return (
    <button type="button" className="theme-switch" data-theme-choice={choice} aria-label={name} title={`${name} · ${t('look.theme.next', { theme: t(`look.theme.${next}`) })}`} onClick={() => setThemeChoice(next)}>
      <span aria-hidden="true">{ICON[choice]}</span>
    </button>
  );
}
