/**
 * First run: on an empty desk, create the first admin (and a first brand). Allowed once, ever: the database
 * flips a flag in the same transaction, so two racing requests cannot both succeed, and a failed attempt
 * (a short password, say) leaves setup open. The caller checks where the request came from (loopback, or the
 * setup token printed in the log).
 */
import { conflict } from '../core/errors.js';
import type { Agent, Brand, UiLanguage } from '../core/people.js';
import { createAgent } from './create-agent.js';
import { assertTimeZone, createBrand } from './create-brand.js';
import { slugify } from './contact-points.js';
import { DEFAULT_BRAND_SLUG } from './ensure-default-brand.js';
import type { Deps } from './ports.js';

export interface SetupInput {
  email: string;
  name: string;
  password: string;
  brand_name?: string | null;
  default_language?: UiLanguage;
  time_zone?: string;
}

/** True while the desk has no agents. */
export async function setupNeeded(deps: Pick<Deps, 'store'>): Promise<boolean> {
  return (await deps.store.agents.count()) === 0;
}

export async function completeSetup(deps: Pick<Deps, 'store' | 'clock' | 'passwords'>, input: SetupInput): Promise<{ agent: Agent; brand: Brand | null }> {
  if (!(await setupNeeded(deps))) throw conflict('This desk is set up already. Sign in instead.');
  const language = input.default_language ?? 'en';
  return deps.store.transaction(async (tx) => {
    if (!(await tx.settings.claimOnce('setup'))) throw conflict('This desk is set up already. Sign in instead.');
    const brandInput = { name: input.brand_name?.trim() || 'My Wallet', default_language: language, time_zone: input.time_zone ?? 'UTC' } as const;
    const brands = await tx.brands.list();
    let brand: Brand | null = null;
    if (brands.length === 0) {
      brand = await createBrand(deps, null, brandInput, { store: tx });
    } else if (brands.length === 1 && brands[0]!.slug === DEFAULT_BRAND_SLUG) {
      // The placeholder brand of a fresh install becomes the provider's wallet app.
      const at = deps.clock.now().toISOString();
      const patch = { name: brandInput.name, slug: slugify(brandInput.name), defaultLanguage: brandInput.default_language, timeZone: brandInput.time_zone };
      assertTimeZone(patch.timeZone);
      await tx.brands.update(brands[0]!.id, patch, at);
      brand = { ...brands[0]!, ...patch, updatedAt: at };
    }
    const agent = await createAgent(
      deps,
      null,
      { email: input.email, name: input.name, password: input.password, role: 'admin', languages: [language] },
      { store: tx },
    );
    return { agent, brand };
  });
}
