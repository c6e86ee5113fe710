/**
 * The registered processors, in one list: adding a reaction to what happens on the desk is adding a file in
 * this folder and a line here, never an edit of a use case. Order does not matter (each runs as its own job).
 */
import { autoReplyDelivery } from './auto-reply-delivery.js';
import { chainNote } from './chain-note.js';
import { csatSurvey } from './csat-survey.js';
import { deliveryNotice } from './delivery-notice.js';
import { emailInbound } from './email-inbound.js';
import { accountWebhook } from './account-webhook.js';
import { freezeNotice } from './freeze-notice.js';
import { freezeLinkMail } from './freeze-link-mail.js';
import { freezeLinkSms } from './freeze-link-sms.js';
import { channelAnswer } from './channel-answer.js';
import { liveAnnounce } from './live-announce.js';
import { routing } from './routing.js';
import type { Processor } from './processor.js';
import { agentNotifications } from './agent-notifications.js';
import { ruleTriggers } from './rule-triggers.js';
import { slaClocks } from './sla-clocks.js';
import { solvedMail } from './solved-mail.js';

export const PROCESSORS: readonly Processor[] = [
  routing,
  channelAnswer,
  autoReplyDelivery,
  emailInbound,
  chainNote,
  liveAnnounce,
  deliveryNotice,
  ruleTriggers,
  agentNotifications,
  accountWebhook,
  freezeNotice,
  freezeLinkMail,
  freezeLinkSms,
  slaClocks,
  csatSurvey,
  solvedMail,
] as readonly Processor[];
