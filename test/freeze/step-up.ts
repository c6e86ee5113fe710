/**
 * Raises a ticket's conversation verification the real way (identity's step-up, issue 18): an agent starts a
 * signed-address check, the customer signs the challenge with their wallet's key on the help-center page.
 * A passed address check is the highest level, so it meets any brand's requirement for `unfreeze`.
 */
import assert from 'node:assert/strict';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { base64 } from '@scure/base';
import { p2wpkh } from '@scure/btc-signer';
import { legacyMessageHash } from '../../src/bitcoin/signed-message.js';
import { api } from '../helpers/desk.js';

/** The customer's wallet key (P2WPKH), signing the way a wallet does (BIP-137, header 39+). */
const key = secp256k1.utils.randomSecretKey();
export const CUSTOMER_ADDRESS = p2wpkh(secp256k1.getPublicKey(key, true)).address!;
function sign(message: string): string {
  const sig = secp256k1.sign(legacyMessageHash(message), key, { prehash: false, format: 'recovered' });
  return base64.encode(Uint8Array.from([39 + sig[0]!, ...sig.subarray(1)]));
}

/** Starts an address step-up on the ticket as `agentToken` and passes it as the customer; returns the new level. */
export async function passAddressStepUp(desk: { url: string }, agentToken: string, ticketId: string): Promise<string> {
  const started = await api(desk, agentToken, 'POST', `/api/v1/tickets/${ticketId}/step-ups`, { method: 'address', address: CUSTOMER_ADDRESS });
  assert.equal(started.status, 201, JSON.stringify(started.body));
  const token = /#([A-Za-z0-9_-]+)$/.exec(started.body.link as string)![1]!;
  const signed = await api(desk, null, 'POST', '/api/v1/help/identity/signature', { signature: sign(started.body.step_up.challenge as string) }, { 'x-identity-token': token });
  assert.equal(signed.body.passed, true, JSON.stringify(signed.body));
  const v = await api(desk, agentToken, 'GET', `/api/v1/tickets/${ticketId}/verification`);
  return v.body.conversation_level as string;
}
