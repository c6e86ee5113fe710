/**
 * Deflection in the chat widget (issue 17): while a visitor writes the first message, the widget suggests the
 * brand's public articles that match, and reports what happened to them (shown, opened, sent, abandoned) as
 * the help-center form does, under surface "chat". Only where the brand's chat is on and the page may embed it.
 */
import { AppError, notFound } from '../../core/errors.js';
import { isUuid } from '../../core/ids.js';
import type { Brand } from '../../core/people.js';
import { searchKnowledgeBase, type ArticleHit } from '../../app/articles.js';
import { recordDeflectionEvent } from '../../app/deflection.js';
import type { KbEventKind } from '../../app/kb-ports.js';
import type { Deps } from '../../app/ports.js';
import { loadChatSettings, originAllowed } from './chat-settings.js';

/** At most this many suggestions: the widget is small. */
export const CHAT_SUGGESTIONS = 3;

async function chatBrand(deps: Pick<Deps, 'store'>, ref: string, origin: string | undefined): Promise<Brand> {
  const brand = isUuid(ref) ? await deps.store.brands.get(ref) : await deps.store.brands.getBySlug(ref);
  if (!brand) throw notFound('Brand');
  const settings = await loadChatSettings(deps.store, brand.id);
  if (!settings.enabled) throw new AppError('forbidden', 'Chat is switched off for this brand.', { reason: 'chat_disabled' });
  if (!originAllowed(settings, origin)) throw new AppError('forbidden', 'This site may not embed the chat. The provider can allow it in Admin → Chat.', { reason: 'origin' });
  return brand;
}

/** Public articles of the brand that match what the visitor is writing, in the widget's language. */
export async function chatArticleSuggestions(deps: Pick<Deps, 'store'>, input: { brand: string; q: string; locale?: string; origin?: string }): Promise<ArticleHit[]> {
  const brand = await chatBrand(deps, input.brand, input.origin);
  if (input.q.trim().length < 2) return [];
  return searchKnowledgeBase(deps, brand, input.q, { ...(input.locale ? { locale: input.locale } : {}), audience: 'public', limit: CHAT_SUGGESTIONS });
}

/** One event of a chat help attempt (surface "chat"); the same (attempt, kind, article) is kept once. */
export async function recordChatDeflection(
  deps: Pick<Deps, 'store' | 'clock'>,
  input: { brand: string; kind: KbEventKind; session_key: string; article_id?: string | null; origin?: string },
): Promise<void> {
  const brand = await chatBrand(deps, input.brand, input.origin);
  await recordDeflectionEvent(deps, { brand: brand.slug, kind: input.kind, surface: 'chat', session_key: input.session_key, ...(input.article_id ? { article_id: input.article_id } : {}) });
}
