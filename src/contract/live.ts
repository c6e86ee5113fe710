/** The console's live socket (/api/v1/live): the notice frame's payload. Frames are not validated by Fastify. */
import { Type } from '@sinclair/typebox';
import { Nullable } from './common.js';

/** Something changed in one of the agent's brands; names the ticket, never carries a message body. */
export const LiveNoticeJson = Type.Object({
  type: Type.String(),
  ticket_id: Nullable(Type.String()),
  brand_id: Nullable(Type.String()),
  data: Type.Record(Type.String(), Type.Unknown()),
});
