/**
 * Pays before the first request what the first request would otherwise pay (issue 20, the creation tail): the
 * triage model is read and parsed on first use (about 100 ms of CPU), the channel-reference and shield patterns
 * are compiled, the missing-details texts are looked up, and V8 has not yet compiled any of it. A server that
 * starts listening cold makes the first batch of requests wait for all of that together; at 50 connections that
 * is the slowest percent of a ten-second run. `serve` runs this before it listens.
 */
import { missingDetailsRequest } from '../triage/index.js';
import { findChannelRefs } from '../verify/index.js';
import type { Deps } from './ports.js';
import { screenInbound } from './screen-inbound.js';
import { shieldInbound } from './shield-inbound.js';

const SAMPLES = [
  { subject: '转账三天没到账', body: '我三天前转了 0.05 BTC 还没到账，交易一直未确认。iPhone 15, iOS 17.2, app 3.4.1' },
  { subject: 'Withdrawal pending', body: 'I sent 0.05 BTC to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq three days ago and it still shows unconfirmed. https://wallet.example/help' },
];

/** Runs the pre-store steps of ingestion on sample texts, `rounds` times each. Returns the milliseconds spent. */
export function warmUp(deps: Pick<Deps, 'triageModel'>, rounds = 20): number {
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    for (const s of SAMPLES) {
      const shielded = shieldInbound({ subject: s.subject, body: s.body, name: null });
      const screened = screenInbound({ subject: shielded.subject, body: shielded.body, language: null }, deps.triageModel);
      findChannelRefs(`${s.subject}\n${s.body}`);
      if (screened.missing.length > 0) missingDetailsRequest(screened.replyLanguage, screened.missing);
    }
  }
  return Math.round(performance.now() - started);
}
