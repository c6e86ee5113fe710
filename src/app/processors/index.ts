/**
 * The registered processors, in one list: adding a reaction to what happens on the desk is adding a file in
 * this folder and a line here, never an edit of a use case. Order does not matter (each runs as its own job).
 */
import { autoReplyDelivery } from './auto-reply-delivery.js';
import { chainNote } from './chain-note.js';
import { channelAnswer } from './channel-answer.js';
import { deliveryNotice } from './delivery-notice.js';
import { emailInbound } from './email-inbound.js';
import { liveAnnounce } from './live-announce.js';
import { routing } from './routing.js';
import type { Processor } from './processor.js';

export const PROCESSORS: readonly Processor[] = [routing, channelAnswer, autoReplyDelivery, emailInbound, chainNote, liveAnnounce, deliveryNotice] as readonly Processor[];
