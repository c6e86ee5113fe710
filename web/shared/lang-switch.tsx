import { LANGS, setLang, useLang, type Lang } from './i18n';

const NAMES: Record<Lang, string> = { 'zh-CN': '中文', en: 'English' };

/** A language switch: a labelled select, usable by keyboard and screen readers. */
export function LangSwitch() {
  const { lang, t } = useLang();
  return (
    <label className="lang-switch">
      <span className="sr-only">{t('common.language')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value as Lang)} aria-label={t('common.language')}>
        {LANGS.map((l) => (
          <option key={l} value={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
