import type { ActorRef, DeskEvent, EventSubject, HistoryEventType } from '../core/event.js';
import { newId } from '../core/ids.js';

/** Builds one history entry; use cases append them in the same transaction as the change. */
export function historyEvent(input: {
  type: HistoryEventType;
  actor: ActorRef;
  at: string;
  subjectType: EventSubject;
  subjectId: string;
  ticketId?: string | null;
  changes?: Record<string, [unknown, unknown]>;
  data?: Record<string, unknown>;
}): DeskEvent {
  return {
    id: newId(),
    ticketId: input.ticketId ?? (input.subjectType === 'ticket' ? input.subjectId : null),
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    type: input.type,
    actor: input.actor,
    at: input.at,
    changes: input.changes ?? {},
    data: input.data ?? {},
  };
}
