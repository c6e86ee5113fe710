/**
 * The hotline's side of a phone step-up (issue 18): when a customer with an open phone check calls from the
 * number on their account, the IVR speaks a fresh one-time code in the caller's language (made at this moment,
 * only its hash kept; each call replaces the last code). The customer then types it in the chat or on the
 * identity page. Caller ID can be spoofed, so a pass this way is recorded as weak; a call the desk flagged as
 * spoofed hears nothing.
 */
import type { UiLanguage } from '../../core/people.js';
import { t } from '../../i18n/index.js';
import type { CallRecord } from './phone-ports.js';
import type { Deps } from '../../app/ports.js';
import { hashCode, newCode } from '../../app/step-up-secrets.js';

/** Digits spoken one by one ("1 2 3"), which text-to-speech reads as digits. */
const spaced = (digits: string): string => digits.split('').join(' ');

/** The sentence to speak, or null when this caller has no open phone check. */
export async function speakStepUpCode(deps: Pick<Deps, 'store' | 'clock'>, call: CallRecord, lang: UiLanguage): Promise<string | null> {
  if (!call.callerPhone || call.spoofed) return null;
  const customerId = await deps.store.customers.findByIdentity('phone', call.callerPhone);
  if (!customerId) return null;
  const now = deps.clock.now().toISOString();
  const open = (await deps.store.stepUps.listPending(customerId, 'phone_code')).find((s) => s.brandId === call.brandId && s.expiresAt > now);
  if (!open) return null;
  const code = newCode();
  if (!(await deps.store.stepUps.setCode(open.id, hashCode(code)))) return null;
  const brand = await deps.store.brands.get(call.brandId);
  return t(lang, 'identity.ivr.code', { brand: brand?.name ?? '', digits: spaced(code) });
}
