/**
 * Each brand's hotline settings: opening hours and holidays (in the brand's time zone), the queue's limit,
 * whether on-call agents take emergencies outside hours, a default language that skips the language menu,
 * recorded prompts, and which languages the provider transcribes. Stored as one settings entry per brand.
 */
import { invalid, notFound } from '../../core/errors.js';
import { diffFields } from '../../core/event.js';
import { LANGUAGES, type UiLanguage } from '../../core/people.js';
import { actorOf, assertAdmin, canSeeBrand, type Principal } from '../../core/policy.js';
import { assertHours, type WeeklyHours } from '../../app/business-hours.js';
import { historyEvent } from '../../app/history.js';
import type { Deps, Repos } from '../../app/ports.js';

/** Prompts a brand may replace with its own recording (the dynamic ones, with numbers in them, are always spoken). */
export const PROMPT_KEYS = [
  'greeting',
  'warning',
  'menu',
  'invalid',
  'emergency',
  'hold',
  'callback_offer',
  'callback_done',
  'closed',
  'queue_full',
  'voicemail_done',
  'connecting',
  'goodbye',
] as const;
export type PromptKey = (typeof PROMPT_KEYS)[number];

export interface PhoneSettings {
  /** Answer in this language without asking (the language menu is skipped); null asks. */
  ivrLanguage: UiLanguage | null;
  /** Weekly opening hours in the brand's time zone; null is always open. */
  hours: WeeklyHours | null;
  /** Local dates (YYYY-MM-DD) the line is closed all day. */
  holidays: string[];
  /** Callers already waiting at which a new (non-emergency) caller is sent to voicemail instead. */
  maxQueue: number;
  /** On-call agents take emergency calls outside business hours; when false, emergencies leave a voicemail too. */
  emergencyAfterHours: boolean;
  /** Recorded prompt URLs (https) per language, played instead of text-to-speech. */
  prompts: Partial<Record<UiLanguage, Partial<Record<PromptKey, string>>>>;
  /** Ask the provider for a transcript of voicemails in these languages (Twilio transcribes English only). */
  transcribe: UiLanguage[];
}

export const DEFAULT_PHONE_SETTINGS: PhoneSettings = Object.freeze({
  ivrLanguage: null,
  hours: null,
  holidays: [],
  maxQueue: 10,
  emergencyAfterHours: true,
  prompts: {},
  transcribe: ['en'],
}) as PhoneSettings;

const key = (brandId: string) => `phone:${brandId}`;

/** The brand's hotline settings, defaults filled in. */
export async function loadPhoneSettings(repos: Pick<Repos, 'settings'>, brandId: string): Promise<PhoneSettings> {
  const settings: PhoneSettings = { ...DEFAULT_PHONE_SETTINGS, ...((await repos.settings.get<Partial<PhoneSettings>>(key(brandId))) ?? {}) };
  // One calendar per brand: once the brand's business calendar is saved (Admin → SLA), the line keeps its hours.
  const calendar = await repos.settings.get<{ hours: WeeklyHours | null; holidays: string[] }>(`calendar:${brandId}`);
  return calendar ? { ...settings, hours: calendar.hours, holidays: calendar.holidays } : settings;
}

function assertPromptUrl(url: string): void {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || parsed.protocol !== 'https:') throw invalid(`Recorded prompt "${url.slice(0, 100)}" must be an https:// address.`, { field: 'prompts' });
}

function validate(s: PhoneSettings): void {
  if (s.ivrLanguage !== null && !(LANGUAGES as readonly string[]).includes(s.ivrLanguage)) {
    throw invalid(`The hotline speaks ${LANGUAGES.join(' and ')}.`, { field: 'ivr_language' });
  }
  assertHours(s.hours, s.holidays);
  if (!Number.isInteger(s.maxQueue) || s.maxQueue < 0 || s.maxQueue > 1000) throw invalid('max_queue is a whole number from 0 to 1000.', { field: 'max_queue' });
  for (const [lang, prompts] of Object.entries(s.prompts)) {
    if (!(LANGUAGES as readonly string[]).includes(lang)) throw invalid(`Prompts are recorded in ${LANGUAGES.join(' or ')}.`, { field: 'prompts' });
    for (const [name, url] of Object.entries(prompts ?? {})) {
      if (!(PROMPT_KEYS as readonly string[]).includes(name)) throw invalid(`"${name}" is not a prompt; use ${PROMPT_KEYS.join(', ')}.`, { field: 'prompts' });
      if (typeof url !== 'string') throw invalid('A recorded prompt is a URL.', { field: 'prompts' });
      assertPromptUrl(url);
    }
  }
  for (const lang of s.transcribe) {
    if (!(LANGUAGES as readonly string[]).includes(lang)) throw invalid(`transcribe lists languages among ${LANGUAGES.join(', ')}.`, { field: 'transcribe' });
  }
}

/** Changes a brand's hotline settings (admins only); records the change in the brand's history. */
export async function updatePhoneSettings(
  deps: Pick<Deps, 'store' | 'clock'>,
  principal: Principal,
  brandId: string,
  patch: Partial<PhoneSettings>,
): Promise<PhoneSettings> {
  assertAdmin(principal);
  if (!canSeeBrand(principal, brandId)) throw notFound('Brand');
  return deps.store.transaction(async (tx) => {
    if (!(await tx.brands.get(brandId))) throw notFound('Brand');
    const before = await loadPhoneSettings(tx, brandId);
    const next: PhoneSettings = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    validate(next);
    const changes = diffFields(before, next);
    if (Object.keys(changes).length === 0) return before;
    await tx.settings.set(key(brandId), next);
    await tx.events.append([
      historyEvent({
        type: 'brand.phone_settings_changed',
        actor: actorOf(principal),
        at: deps.clock.now().toISOString(),
        subjectType: 'brand',
        subjectId: brandId,
        changes,
      }),
    ]);
    return next;
  });
}
