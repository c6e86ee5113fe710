/** The transaction desk: a ticket's txids and addresses on the chain, and the public txid check. */
import { Type } from '@sinclair/typebox';
import { SelfServiceJson } from './kb.js';
import { LANGUAGES } from '../core/people.js';
import { Nullable, literals } from './common.js';

export const ChainLangQuery = Type.Object({ lang: Type.Optional(literals(LANGUAGES)) }, { additionalProperties: false });
const Failure = Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]);
const Advice = Type.Array(Type.Object({ code: Type.String(), text: Type.String() }));

/** A transaction as the chain backend sees it (the `walletdesk tx status --json` fields). */
export const TxStatus = Type.Object({
  txid: Type.String(),
  found: Type.Boolean(),
  confirmed: Type.Boolean(),
  confirmations: Type.Number(),
  block_height: Nullable(Type.Number()),
  fee: Nullable(Type.Number()),
  vsize: Nullable(Type.Number()),
  /** sat/vB */
  fee_rate: Nullable(Type.Number()),
  signals_rbf: Nullable(Type.Boolean()),
  stuck: Type.Boolean(),
  advice: Type.Array(Type.String()),
});

/** GET /tickets/:id/chain */
export const TicketChain = Type.Object({
  configured: Type.Boolean(),
  transactions: Type.Array(Type.Object({ txid: Type.String(), status: Nullable(TxStatus), summary: Type.Array(Type.String()), advice: Advice, error: Failure })),
  addresses: Type.Array(Type.Object({ address: Type.String(), lookup: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]), error: Failure })),
});

/** GET /public/tx/:txid */
export const PublicTx = Type.Object({ txid: Type.String(), found: Type.Boolean(), confirmed: Type.Boolean(), stuck: Type.Boolean(), explanation: Type.String(), advice: Advice });

/** GET /reports/self-service: the txid checks per day, and the deflection numbers of suggested articles (kb.ts). */
export const SelfServiceReport = Type.Composite([Type.Object({ tx_checks: Type.Record(Type.String(), Type.Integer()) }), SelfServiceJson]);
