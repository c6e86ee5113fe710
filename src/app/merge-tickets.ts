/**
 * Merges a ticket into another of the same brand: its messages, attachments and search entries move to the
 * target, the source is closed and points to the target, and both histories say so.
 */
import { conflict, invalid } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Message } from '../core/message.js';
import { actorOf, type Principal } from '../core/policy.js';
import { mergeDetails, normaliseTags, type Ticket } from '../core/ticket.js';
import { language, t } from '../i18n/index.js';
import { historyEvent } from './history.js';
import { announce } from './live.js';
import type { Deps } from './ports.js';
import { loadVisibleTicket } from './ticket-access.js';
import { shieldWrittenText } from './shield-inbound.js';

export async function mergeTickets(
  deps: Pick<Deps, 'store' | 'clock' | 'bus'>,
  principal: Principal,
  sourceRef: string,
  targetRef: string,
): Promise<{ source: Ticket; target: Ticket; movedMessages: number }> {
  const result = await deps.store.transaction(async (tx) => {
    const source = await loadVisibleTicket(tx, principal, sourceRef);
    const target = await loadVisibleTicket(tx, principal, targetRef);
    if (source.id === target.id) throw invalid('A ticket cannot be merged into itself.', { field: 'target_id' });
    if (source.brandId !== target.brandId) throw invalid('Only tickets of the same brand can be merged.', { field: 'target_id' });
    if (source.mergedIntoId) throw conflict('This ticket was merged already.');
    if (target.mergedIntoId || target.status === 'closed') {
      throw conflict(`Ticket #${target.number} is closed or merged; merge into an open ticket.`, { field: 'target_id' });
    }
    if (source.status === 'closed') throw conflict('A closed ticket cannot be merged.');

    const at = deps.clock.now().toISOString();
    const actor = actorOf(principal);
    const moved = await tx.messages.moveToTicket(source.id, target.id);
    await tx.attachments.moveToTicket(source.id, target.id);
    await tx.tickets.moveIndex(source.id, target.id);

    const targetPatch = {
      tags: normaliseTags([...target.tags, ...source.tags]),
      details: mergeDetails(target.details, source.details),
    };
    await tx.tickets.update(target.id, targetPatch, at);
    await tx.tickets.update(source.id, { status: 'closed', closedAt: at, mergedIntoId: target.id }, at);

    // A visible trace in each conversation, as internal notes in that conversation's language.
    const notes: Message[] = [
      { ticket: source, text: t(language(source.language), 'ticket.merged_into', { number: target.number }) },
      // The subject is shielded when written; shielded again here for subjects stored before that was so.
      {
        ticket: target,
        text: shieldWrittenText(t(language(target.language), 'ticket.merged_from', { number: source.number, subject: source.subject, count: moved })),
      },
    ].map(({ ticket, text }) => ({
      id: newId(),
      ticketId: ticket.id,
      authorType: 'system',
      authorId: null,
      public: false,
      body: text,
      bodyHtml: null,
      channel: ticket.channel,
      sourceId: null,
      meta: { kind: 'merge' },
      delivery: null,
      createdAt: at,
    }));
    for (const note of notes) await tx.messages.insert(note);

    await tx.events.append([
      historyEvent({
        type: 'ticket.merged',
        actor,
        at,
        subjectType: 'ticket',
        subjectId: source.id,
        changes: { status: [source.status, 'closed'], mergedIntoId: [null, target.id] },
        data: { target_id: target.id, target_number: target.number, moved_messages: moved },
      }),
      historyEvent({
        type: 'ticket.merge_received',
        actor,
        at,
        subjectType: 'ticket',
        subjectId: target.id,
        data: { source_id: source.id, source_number: source.number, moved_messages: moved },
      }),
    ]);
    return {
      source: { ...source, status: 'closed' as const, closedAt: at, mergedIntoId: target.id, updatedAt: at },
      target: { ...target, ...targetPatch, updatedAt: at },
      movedMessages: moved,
    };
  });
  await announce(deps, [
    { type: 'ticket.updated', brandId: result.source.brandId, ticketId: result.source.id },
    { type: 'ticket.updated', brandId: result.target.brandId, ticketId: result.target.id },
  ]);
  return result;
}
