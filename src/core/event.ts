/** Who did something. Tokens act as their agent; `via` records which token or channel. */
export interface ActorRef {
  type: 'agent' | 'customer' | 'system';
  id: string | null;
  via?: string;
}

export const SYSTEM: ActorRef = { type: 'system', id: null };

export type EventSubject = 'ticket' | 'agent' | 'brand' | 'team' | 'customer' | 'token' | 'settings';

/**
 * One entry of the append-only history. `changes` maps each changed field to [before, after].
 * No code path updates or deletes an event; the database refuses it too.
 */
export interface DeskEvent {
  id: string;
  ticketId: string | null;
  subjectType: EventSubject;
  subjectId: string;
  /** noun.past_tense, e.g. ticket.created, ticket.assigned, message.added. */
  type: string;
  actor: ActorRef;
  at: string;
  changes: Record<string, [unknown, unknown]>;
  data: Record<string, unknown>;
}

/** Builds the `changes` map for the fields whose value differs (compared as JSON). */
export function diffFields<T extends object>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as Array<keyof T>) {
    const a = before[key];
    const b = after[key];
    if (b === undefined) continue;
    if (JSON.stringify(a) !== JSON.stringify(b)) changes[String(key)] = [a ?? null, b ?? null];
  }
  return changes;
}
