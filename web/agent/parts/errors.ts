/** The sentence a person reads for a failed request, in the console's language. */
import { ApiError } from '../../shared/api';
import { currentLang, type T } from '../../shared/i18n';

/** A refusal that names its reason in both languages (`details.messages`, e.g. a missing verification) is shown in the console's. */
export function errorText(t: T, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'network') return t('common.network_error');
    const localized = (err.details.messages as Record<string, unknown> | undefined)?.[currentLang()];
    return typeof localized === 'string' ? localized : err.message;
  }
  return t('common.unknown_error');
}
