/**
 * An agent asks a ticket's customer to prove who they are (issue 18): a one-time code to the e-mail address on
 * file, a code the hotline speaks to the phone number on file, a link the provider's app opens with its signed
 * identity, or a message to sign with a Bitcoin address's key. The agent never sees a code: it goes straight to
 * the customer, and only its hash is stored. The history records who asked, for what, and where it went.
 */
import { AppError, invalid, notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { actorOf, type Principal } from '../core/policy.js';
import type { Brand, Customer, VerificationLevel } from '../core/people.js';
import type { Ticket } from '../core/ticket.js';
import { addressScript } from '../bitcoin/signed-message.js';
import { chatSecret, loadChatSettings } from '../channels/chat/chat-settings.js';
import { historyEvent } from './history.js';
import type { StepUp, StepUpMethod } from './identity-ports.js';
import type { Deps, RateLimit } from './ports.js';
import { hashCode, maskEmail, maskPhone, newCode, newToken } from './step-up-secrets.js';
import { loadVisibleTicket } from './ticket-access.js';
import { parseTestTx, pickAmount, queueTestTxCheck, testTxChallenge } from './test-transaction.js';

/** How long each kind of check stays open, and how many tries it allows. */
export const STEP_UP_RULES: Record<StepUpMethod, { level: VerificationLevel; minutes: number; maxAttempts: number }> = {
  email_code: { level: 'contact', minutes: 10, maxAttempts: 5 },
  phone_code: { level: 'contact', minutes: 15, maxAttempts: 5 },
  app_link: { level: 'app', minutes: 30, maxAttempts: 5 },
  address: { level: 'address', minutes: 30, maxAttempts: 5 },
  // The window to send the test transaction (multisig signers may need a while).
  test_transaction: { level: 'address', minutes: 24 * 60, maxAttempts: 5 },
};

/** Where the customer completes a check: the help center's identity page; the token rides in the fragment. */
export const identityPagePath = (token: string): string => `/help/identity#${token}`;

export interface StartStepUpInput {
  method: StepUpMethod;
  /** The address to prove (methods `address`, `test_transaction`). */
  address?: string;
  /** The provider's address the test transaction pays (method `test_transaction`). */
  receiveAddress?: string;
}

export interface StartedStepUp {
  stepUp: StepUp;
  /**
   * The page to send the customer (app link, address, spoken code), which is useless without the customer's own
   * proof. Null for an e-mailed code: its link travels only in that e-mail, with the code.
   */
  link: string | null;
}

export interface StepUpContext {
  /** PUBLIC_URL: links and the challenge's domain. */
  publicUrl: string;
  /** Step-ups started per customer (and per agent), across instances. */
  startLimit: RateLimit;
}

/** The domain a challenge names: the brand's first official web domain, else the desk's own host. */
async function challengeDomain(deps: Pick<Deps, 'store'>, brand: Brand, publicUrl: string): Promise<string> {
  const official = await deps.store.officialChannels.get(brand.id);
  return official?.doc.domains[0] ?? new URL(publicUrl).host;
}

/** The message a customer signs: domain, purpose, ticket, address, nonce and expiry, one per line. */
export function challengeText(input: { domain: string; brand: string; ticketNumber: number; address: string; nonce: string; expiresAt: string }): string {
  return [
    `${input.domain} wants to verify that you control a Bitcoin address.`,
    `Purpose: identity check for ${input.brand} support. Signing moves no funds.`,
    `Address: ${input.address}`,
    `Ticket: #${input.ticketNumber}`,
    `Nonce: ${input.nonce}`,
    `Expires: ${input.expiresAt}`,
  ].join('\n');
}

export async function startStepUp(deps: Deps, ctx: StepUpContext, principal: Principal, ticketRef: string, input: StartStepUpInput): Promise<StartedStepUp> {
  const ticket = await loadVisibleTicket(deps.store, principal, ticketRef);
  const customer = await deps.store.customers.get(ticket.requesterId);
  const brand = await deps.store.brands.get(ticket.brandId);
  if (!customer || !brand) throw notFound('Ticket');
  const rules = STEP_UP_RULES[input.method];
  if (!rules) throw invalid('The method is one of email_code, phone_code, app_link, address, test_transaction.', { field: 'method' });

  const limited = await ctx.startLimit.take(`customer:${customer.id}`);
  if (!limited.allowed) {
    throw new AppError('rate_limited', `This customer was asked too often. Try again in ${Math.ceil(limited.retryAfterMs / 60_000)} minutes.`, {
      retry_after_ms: limited.retryAfterMs,
    });
  }

  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + rules.minutes * 60_000).toISOString();
  const base: StepUp = {
    id: newId(),
    ticketId: ticket.id,
    customerId: customer.id,
    brandId: brand.id,
    method: input.method,
    level: rules.level,
    status: 'pending',
    target: null,
    codeHash: null,
    tokenHash: null,
    challenge: null,
    attempts: 0,
    maxAttempts: rules.maxAttempts,
    result: null,
    requestedBy: principal.agentId,
    createdAt: now.toISOString(),
    expiresAt,
    completedAt: null,
  };
  const { token, hash } = newToken();
  const link = `${ctx.publicUrl.replace(/\/+$/, '')}${identityPagePath(token)}`;
  let code: string | null = null;

  switch (input.method) {
    case 'email_code': {
      const to = customer.emails[0];
      if (!to) throw invalid('This customer has no e-mail address on file, so no code can be sent. Use another method.', { field: 'method' });
      if (!deps.senders?.email?.notify) throw new AppError('unavailable', 'E-mail is not set up on this desk (SMTP_URL), so no code can be sent.');
      code = newCode();
      Object.assign(base, { target: maskEmail(to), codeHash: hashCode(code), tokenHash: hash });
      break;
    }
    case 'phone_code': {
      const phone = customer.phones[0];
      if (!phone) throw invalid('This customer has no phone number on file. Use another method.', { field: 'method' });
      // The code is made when the hotline speaks it (the customer calls from that number), so it exists only then.
      Object.assign(base, { target: maskPhone(phone), tokenHash: hash });
      break;
    }
    case 'app_link': {
      if (!externalIdOf(customer, brand.id)) throw invalid('The provider’s app has never identified this customer (no app user id on file). Use another method.', { field: 'method' });
      if (!chatSecret(deps, await loadChatSettings(deps.store, brand.id))) throw invalid('This brand has no app secret yet (Admin → Chat), so the app cannot sign a link.', { field: 'method' });
      Object.assign(base, { tokenHash: hash });
      break;
    }
    case 'address': {
      const address = (input.address ?? '').trim();
      const decoded = address ? addressScript(address) : null;
      if (!decoded) throw invalid('Give the Bitcoin address the customer will sign with.', { field: 'address' });
      if (decoded.type === 'wsh' || decoded.type === 'ms' || decoded.type === 'unknown') {
        throw invalid('A multisig or script address cannot sign a simple message. Ask the customer for a small test transaction from it instead (see the identity guide).', {
          field: 'address',
          reason: 'multisig',
        });
      }
      const nonce = newToken().token.slice(0, 24);
      const challenge = challengeText({ domain: await challengeDomain(deps, brand, ctx.publicUrl), brand: brand.name, ticketNumber: ticket.number, address, nonce, expiresAt });
      Object.assign(base, { target: address, challenge, tokenHash: hash });
      break;
    }
    case 'test_transaction': {
      const address = (input.address ?? '').trim();
      const to = (input.receiveAddress ?? '').trim();
      if (!address || !addressScript(address)) throw invalid('Give the Bitcoin address the customer wants to prove (the one they will send from).', { field: 'address' });
      if (!to || !addressScript(to)) throw invalid("Give the provider's own Bitcoin address the test transaction pays (receive_address).", { field: 'receive_address' });
      if (to === address) throw invalid('The test transaction goes from the customer’s address to another one: the two addresses must differ.', { field: 'receive_address' });
      if (!deps.chain) throw new AppError('unavailable', 'This desk has no chain backend (ESPLORA_URL or BITCOIN_RPC_URL), so it cannot see the test transaction. Use another method.');
      const open = await deps.store.stepUps.listOpen('test_transaction');
      const amountSats = pickAmount(new Set(open.map((s) => parseTestTx(s)).filter((t) => t?.to === to).map((t) => t!.amountSats)));
      const challenge = testTxChallenge({ from: address, to, amountSats, ticketNumber: ticket.number, expiresAt });
      Object.assign(base, { target: address, challenge, tokenHash: hash });
      break;
    }
  }

  await deps.store.transaction(async (tx) => {
    for (const earlier of await tx.stepUps.listForTicket(ticket.id)) {
      if (earlier.status === 'pending' && earlier.method === input.method) await tx.stepUps.finish(earlier.id, 'cancelled', null, base.createdAt);
    }
    await tx.stepUps.insert(base);
    // The desk watches the chain for the payment on its own, from a minute on.
    if (base.method === 'test_transaction') await queueTestTxCheck(tx, base, new Date(now.getTime() + 60_000).toISOString(), base.createdAt);
    await tx.events.append([
      historyEvent({
        type: 'step_up.started',
        actor: actorOf(principal),
        at: base.createdAt,
        subjectType: 'ticket',
        subjectId: ticket.id,
        data: { step_up_id: base.id, method: base.method, level: base.level, target: base.target, expires_at: base.expiresAt },
      }),
    ]);
  });

  if (code !== null) {
    try {
      await sendCodeByEmail(deps, brand, ticket, customer, code, link, rules.minutes, base.id);
    } catch {
      await deps.store.stepUps.finish(base.id, 'failed', null, deps.clock.now().toISOString());
      throw new AppError('unavailable', 'The e-mail with the code could not be sent. Nothing was sent; try again in a moment.');
    }
  }
  return { stepUp: base, link: input.method === 'email_code' ? null : link };
}

export const externalIdOf = (customer: Customer, brandId: string): string | null => customer.externalIds.find((x) => x.brandId === brandId)?.externalId ?? null;

/** Sends the code in its own e-mail, outside the ticket's thread: it is never a message agents can read. */
async function sendCodeByEmail(deps: Deps, brand: Brand, ticket: Ticket, customer: Customer, code: string, url: string, minutes: number, stepUpId: string): Promise<void> {
  await deps.senders!.email!.notify!({
    kind: 'verification_code',
    key: `step-up:${stepUpId}`,
    brand,
    ticket,
    requester: customer,
    to: customer.emails[0]!,
    message: null,
    url,
    detail: { code, minutes },
    autoReplies: [],
  });
}
