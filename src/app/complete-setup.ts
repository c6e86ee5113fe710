/**
 * First run: on an empty desk, create the first admin (and a first brand). Allowed once, ever: the database
 * flips a flag in the same transaction, so two racing requests cannot both succeed, and a failed attempt
 * (a short password, say) leaves setup open. The caller checks where the request came from (loopback, or the
 * setup token printed in the log).
 */
import { conflict } from '../core/errors.js';
import type { Agent, Brand, UiLanguage } from '../core/people.js';
import { createAgent } from './create-agent.js';
import { createBrand } from './create-brand.js';
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
    const brand =
      (await tx.brands.count()) === 0
        ? await createBrand(
            deps,
            null,
            { name: input.brand_name?.trim() || 'My Wallet', default_language: language, time_zone: input.time_zone ?? 'UTC' },
            { store: tx },
          )
        : null;
    const agent = await createAgent(
      deps,
      null,
      { email: input.email, name: input.name, password: input.password, role: 'admin', languages: [language] },
      { store: tx },
    );
    return { agent, brand };
  });
}
