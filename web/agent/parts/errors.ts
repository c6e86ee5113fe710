/** The sentence a person reads for a failed request, in the console's language. */
import { ApiError } from '../../shared/api';
import { type T } from '../../shared/i18n';

export function errorText(t: T, err: unknown): string {
  if (err instanceof ApiError) return err.code === 'network' ? t('common.network_error') : err.message;
  return t('common.unknown_error');
}
