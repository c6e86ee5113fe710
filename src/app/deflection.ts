/**
 * Deflection (issue 17): while a customer writes in the help-center form or the chat widget, matching articles
 * are suggested. The browser reports what happened in that attempt (one random session key per attempt):
 * suggestions shown, an article opened, the request sent, or the attempt abandoned. The self-service rate is
 * the share of attempts shown suggestions that opened an article and never sent a request.
 */
import { invalid, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { canSeeBrand, visibleBrands, type Principal } from '../core/policy.js';
import { roleAtLeast } from '../core/people.js';
import { forbidden } from '../core/errors.js';
import { KB_EVENT_KINDS, KB_SURFACES, type KbEventKind, type KbSurface, type SelfServiceCounts } from './kb-ports.js';
import type { Deps } from './ports.js';
import { helpBrand } from '../channels/help-center/submit-help-request.js';

export interface DeflectionEventInput {
  brand?: string;
  kind: KbEventKind;
  surface: KbSurface;
  session_key: string;
  article_id?: string | null;
}

/** Records one event of a help attempt (public: the help center and the widget send it). */
export async function recordDeflectionEvent(deps: Pick<Deps, 'store' | 'clock'>, input: DeflectionEventInput): Promise<void> {
  if (!KB_EVENT_KINDS.includes(input.kind)) throw invalid('Unknown event kind.', { field: 'kind' });
  if (!KB_SURFACES.includes(input.surface)) throw invalid('Unknown surface.', { field: 'surface' });
  const brand = await helpBrand(deps, input.brand);
  let articleId: string | null = null;
  if (input.article_id) {
    const a = await deps.store.articles.get(input.article_id);
    if (!a || a.brandId !== brand.id) throw notFound('Article');
    articleId = a.id;
  }
  await deps.store.kbEvents.record({
    id: newId(),
    brandId: brand.id,
    kind: input.kind,
    surface: input.surface,
    sessionKey: input.session_key,
    // One "opened" per attempt and article; the other kinds once per attempt.
    articleId: input.kind === 'article_opened' ? articleId : null,
    at: deps.clock.now().toISOString(),
  });
}

export interface SelfServiceReport extends SelfServiceCounts {
  from: string;
  to: string;
  /** deflected / shown, or null when nothing was shown. */
  rate: number | null;
  /** The same counts for the help-center form and the chat widget apart (the totals count both). */
  bySurface: Record<KbSurface, SelfServiceCounts & { rate: number | null }>;
}

const withRate = (c: SelfServiceCounts) => ({ ...c, rate: c.shown ? c.deflected / c.shown : null });

/** The self-service numbers for the Reports page (supervisors and admins; their brands only). */
export async function selfServiceReport(
  deps: Pick<Deps, 'store' | 'clock'>,
  principal: Principal,
  input: { from?: string; to?: string; brandId?: string },
): Promise<SelfServiceReport> {
  if (!roleAtLeast(principal.role, 'supervisor')) throw forbidden('Reports are for supervisors and admins.');
  const now = deps.clock.now();
  const to = input.to ? parseTime(input.to, 'to') : now.toISOString();
  const from = input.from ? parseTime(input.from, 'from') : new Date(Date.parse(to) - 30 * 86_400_000).toISOString();
  if (from >= to) throw invalid('"from" must be before "to".', { field: 'from' });
  let brandIds = visibleBrands(principal);
  if (input.brandId) {
    if (!canSeeBrand(principal, input.brandId)) throw forbidden('You do not work for this brand.');
    brandIds = [input.brandId];
  }
  const counts = await deps.store.kbEvents.selfService({ from, to, brandIds });
  const bySurface = {} as SelfServiceReport['bySurface'];
  for (const surface of KB_SURFACES) bySurface[surface] = withRate(await deps.store.kbEvents.selfService({ from, to, brandIds, surface }));
  return { ...withRate(counts), from, to, bySurface };
}

function parseTime(value: string, field: string): string {
  // A date alone is the start of that day (UTC).
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw invalid(`"${field}" is a date or time (ISO-8601), e.g. 2026-12-01.`, { field });
  return new Date(ms).toISOString();
}
