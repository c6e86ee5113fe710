/**
 * The transaction desk inside tickets and the help center: the txids and addresses a customer gave, looked up
 * on the configured backend (and only there: customer data goes nowhere else) and explained — to agents with
 * the numbers and the advice, to customers in plain words. Lookups are cached and coalesced by the backend
 * wrapper, so a ticket opened by twenty agents costs one request.
 */
import { AppError, isAppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Message } from '../core/message.js';
import type { Principal } from '../core/policy.js';
import { language, t } from '../i18n/index.js';
import {
  adviceText,
  diagnoseTx,
  explainDiagnosis,
  lookupAddress,
  parseTxid,
  summarizeForAgent,
  txStatusJson,
  type AddressLookup,
  type Lang,
  type TxStatusJson,
} from '../bitcoin/index.js';
import { historyEvent } from './history.js';
import type { Deps } from './ports.js';
import { loadVisibleTicket } from './ticket-access.js';

/** The job type of chain notes queued before processors (app/processors/chain-note.ts); still run for old rows. */
export const CHAIN_NOTE_JOB = 'chain.note';
const MAX_LOOKUPS = 5;

export interface TxCheck {
  txid: string;
  status: TxStatusJson | null;
  summary: string[];
  advice: Array<{ code: string; text: string }>;
  error: { code: string; message: string } | null;
}

export interface AddressCheck {
  address: string;
  lookup: AddressLookup | null;
  error: { code: string; message: string } | null;
}

function failure(err: unknown): { code: string; message: string } {
  if (isAppError(err)) return { code: err.code, message: err.message };
  return { code: 'unavailable', message: 'The chain backend did not answer. Try again in a moment.' };
}

function requireChain(deps: Pick<Deps, 'chain'>) {
  if (!deps.chain) {
    throw new AppError('unavailable', 'No chain backend is configured. An admin sets ESPLORA_URL or BITCOIN_RPC_URL to look up transactions.');
  }
  return deps.chain;
}

async function checkTx(deps: Pick<Deps, 'chain' | 'clock'>, txid: string, lang: Lang): Promise<TxCheck> {
  try {
    const d = await diagnoseTx(requireChain(deps), txid, deps.clock.now());
    return {
      txid,
      status: txStatusJson(d),
      summary: summarizeForAgent(d, lang),
      advice: d.advice.map((code) => ({ code, text: adviceText(code, 'agent', lang) })),
      error: null,
    };
  } catch (err) {
    return { txid, status: null, summary: [], advice: [], error: failure(err) };
  }
}

/** Every txid and address on a ticket, looked up (at most five of each); one failing lookup does not hide the rest. */
export async function ticketChainStatus(
  deps: Pick<Deps, 'store' | 'chain' | 'clock'>,
  principal: Principal,
  ticketRef: string,
  lang: Lang,
): Promise<{ configured: boolean; transactions: TxCheck[]; addresses: AddressCheck[] }> {
  const ticket = await loadVisibleTicket(deps.store, principal, ticketRef);
  if (!deps.chain) return { configured: false, transactions: [], addresses: [] };
  const txids = (ticket.details.txids ?? []).slice(0, MAX_LOOKUPS);
  const addresses = (ticket.details.addresses ?? []).slice(0, MAX_LOOKUPS);
  const chain = deps.chain;
  const [transactions, addressChecks] = await Promise.all([
    Promise.all(txids.map((txid) => checkTx(deps, txid, lang))),
    Promise.all(
      addresses.map(async (address): Promise<AddressCheck> => {
        try {
          return { address, lookup: await lookupAddress(chain, address, 5), error: null };
        } catch (err) {
          return { address, lookup: null, error: failure(err) };
        }
      }),
    ),
  ]);
  return { configured: true, transactions, addresses: addressChecks };
}

/**
 * A customer checks a txid on the help center without opening a ticket: the plain-language explanation and
 * what to do. Each answered check counts as a self-service deflection for the reports.
 */
export async function explainTxForCustomer(
  deps: Pick<Deps, 'store' | 'chain' | 'clock'>,
  txidInput: string,
  lang: Lang,
): Promise<{ txid: string; found: boolean; confirmed: boolean; stuck: boolean; explanation: string; advice: Array<{ code: string; text: string }> }> {
  const txid = parseTxid(txidInput);
  // A customer is told in their language that the check is not available, never how an admin would fix it (the
  // console shows agents the setup hint), nor a backend's own error.
  const unavailable = () => new AppError('unavailable', t(language(lang), 'chain.customer.unavailable'));
  if (!deps.chain) throw unavailable();
  let d: Awaited<ReturnType<typeof diagnoseTx>>;
  try {
    d = await diagnoseTx(deps.chain, txid, deps.clock.now());
  } catch (err) {
    if (isAppError(err) && err.code !== 'unavailable' && err.code !== 'internal') throw err;
    throw unavailable();
  }
  const day = deps.clock.now().toISOString().slice(0, 10);
  await deps.store.settings.bump(`self_service:tx_check:${day}`);
  return {
    txid,
    found: d.found,
    confirmed: d.confirmed,
    stuck: d.stuck,
    explanation: explainDiagnosis(d, lang),
    advice: d.advice.map((code) => ({ code, text: adviceText(code, 'user', lang) })),
  };
}

/**
 * The job: looks up the ticket's transactions and leaves an internal note with the status and the advice, so
 * the agent who opens the ticket sees in seconds what a block explorer would have told them.
 */
export async function writeChainNote(deps: Pick<Deps, 'store' | 'chain' | 'clock' | 'bus'>, ticketId: string): Promise<void> {
  if (!deps.chain) return;
  const ticket = await deps.store.tickets.get(ticketId);
  if (!ticket || !(ticket.details.txids?.length)) return;
  const lang: Lang = language(ticket.language);
  const checks = await Promise.all(ticket.details.txids.slice(0, MAX_LOOKUPS).map((txid) => checkTx(deps, txid, lang)));
  // A backend that is down is retried by the job queue rather than noted as "unavailable".
  if (checks.every((c) => c.error?.code === 'unavailable')) throw new Error(checks[0]?.error?.message ?? 'chain backend unavailable');
  const body = checks
    .map((c) => (c.error ? `${c.txid}: ${c.error.message}` : [...c.summary, ...c.advice.map((a) => `→ ${a.text}`)].join('\n')))
    .join('\n\n');
  const at = deps.clock.now().toISOString();
  const note: Message = {
    id: newId(),
    ticketId,
    authorType: 'system',
    authorId: null,
    public: false,
    body,
    bodyHtml: null,
    channel: ticket.channel,
    sourceId: `chain-note:${ticketId}`,
    meta: { kind: 'chain_status', statuses: checks.map((c) => c.status) },
    delivery: null,
    createdAt: at,
  };
  await deps.store.transaction(async (tx) => {
    if (await tx.messages.findBySource(ticket.channel, note.sourceId!)) return;
    await tx.messages.insert(note);
    await tx.events.append([
      historyEvent({
        type: 'message.added',
        actor: { type: 'system', id: null },
        at,
        subjectType: 'ticket',
        subjectId: ticketId,
        data: { message_id: note.id, public: false, author_type: 'system', kind: 'chain_status' },
      }),
    ]);
  });
}
