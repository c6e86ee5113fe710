import type { Brand } from '../core/people.js';
import { createBrand } from './create-brand.js';
import type { Deps } from './ports.js';

export const DEFAULT_BRAND_SLUG = 'default';

/**
 * A fresh install has one brand to file tickets under, so the API, e-mail (SUPPORT_EMAIL) and the CLI work
 * before anyone opens the admin pages. First-run setup renames it.
 */
export async function ensureDefaultBrand(deps: Pick<Deps, 'store' | 'clock'>): Promise<Brand | null> {
  if ((await deps.store.brands.count()) > 0) return null;
  return createBrand(deps, null, { name: 'My Wallet', slug: DEFAULT_BRAND_SLUG, default_language: 'en', time_zone: 'UTC' }).catch(async (err) => {
    // Another instance created it a moment ago.
    if ((await deps.store.brands.count()) > 0) return null;
    throw err;
  });
}
