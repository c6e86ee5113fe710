import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Static } from '@sinclair/typebox';
import type { TxStatusJson } from '../bitcoin/diagnose.js';
import { TicketChain, TxStatus } from './chain.js';

type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;

test('the chain status schema lists every field of the tx status JSON, so the API drops none of them', () => {
  // A response schema drops what it does not list: a field added to TxStatusJson must be added to the contract.
  // `npm run typecheck` fails here first when the two differ.
  const same: SameKeys<TxStatusJson, Static<typeof TxStatus>> = true;
  const fits = (s: TxStatusJson): Static<typeof TxStatus> => s;
  assert.equal(same, true);
  assert.equal(typeof fits, 'function');
  assert.deepEqual(Object.keys(TxStatus.properties).sort(), [...(TxStatus.required ?? [])].sort());
  assert.ok('status' in TicketChain.properties.transactions.items.properties);
});
