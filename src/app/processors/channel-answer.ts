/**
 * "Is this your support?": a customer's message that names links, numbers or accounts is checked against the
 * official channels after it is stored, and answered (app/answer-channel-questions.ts). The answer is an
 * automatic reply like the others: auto-reply-delivery sends it on channels that send replies alone. E-mail is
 * left to the e-mail processor, which answers first and folds the answer into its acknowledgement.
 */
import { answerChannelQuestions } from '../answer-channel-questions.js';
import type { Processor } from './processor.js';

export const channelAnswer: Processor<'message.added'> = {
  name: 'channel-answer',
  version: 1,
  handles: ['message.added'],
  // Only messages that name something to check: ingestion counts the references (`channel_refs`) when it stores.
  wants: (event, deps) =>
    deps.officialChannels !== undefined && event.data.author_type === 'customer' && event.data.channel !== 'email' && (event.data.channel_refs ?? 0) > 0,
  run: async (deps, event) => void (await answerChannelQuestions(deps, event.data.message_id)),
};
