import type { AuthorType, Message } from '../../core/message.js';
import type { Channel } from '../../core/ticket.js';
import type { Attachment, AttachmentRepo, MessageRepo } from '../../app/ports.js';
import type { AttachmentTable, MessageTable } from '../schema.js';
import { bool, int, parseJson, type Db, jsonText } from './rows.js';
import { insertRows } from './compiled-insert.js';

function toMessage(row: MessageTable): Message {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    authorType: row.author_type as AuthorType,
    authorId: row.author_id,
    public: bool(row.public),
    body: row.body,
    bodyHtml: row.body_html,
    channel: row.channel as Channel,
    sourceId: row.source_id,
    meta: parseJson<Record<string, unknown>>(row.meta, {}),
    delivery: parseJson<Message['delivery']>(row.delivery, null),
    createdAt: row.created_at,
  };
}

export function messageRepo(db: Db): MessageRepo {
  return {
    async insert(m) {
      await insertRows(
        db,
        'message',
        ['id', 'ticket_id', 'author_type', 'author_id', 'public', 'body', 'body_html', 'channel', 'source_id', 'meta', 'delivery', 'created_at'],
        [
          [
            m.id,
            m.ticketId,
            m.authorType,
            m.authorId,
            int(m.public),
            m.body,
            m.bodyHtml,
            m.channel,
            m.sourceId,
            jsonText(m.meta),
            m.delivery ? jsonText(m.delivery) : null,
            m.createdAt,
          ],
        ],
      );
    },
    async listForTicket(ticketId) {
      const rows = await db
        .selectFrom('message')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toMessage);
    },
    async listPublicAfter(ticketId, afterId) {
      let q = db.selectFrom('message').selectAll().where('ticket_id', '=', ticketId).where('public', '=', 1);
      if (afterId !== null) q = q.where('id', '>', afterId);
      const rows = await q.orderBy('created_at').orderBy('id').execute();
      return rows.map(toMessage);
    },
    async get(id) {
      const row = await db.selectFrom('message').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toMessage(row) : null;
    },
    async redactBody(id, body) {
      await db.updateTable('message').set({ body, body_html: null }).where('id', '=', id).execute();
    },
    async listRecent(ticketId, authorType, limit) {
      const rows = await db
        .selectFrom('message')
        .selectAll()
        .where('ticket_id', '=', ticketId)
        .where('author_type', '=', authorType)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.reverse().map(toMessage);
    },
    async setDelivery(id, delivery) {
      await db.updateTable('message').set({ delivery: jsonText(delivery) }).where('id', '=', id).execute();
    },
    async findBySource(channel, sourceId) {
      const row = await db
        .selectFrom('message')
        .selectAll()
        .where('channel', '=', channel)
        .where('source_id', '=', sourceId)
        .executeTakeFirst();
      return row ? toMessage(row) : null;
    },
    async moveToTicket(fromTicketId, toTicketId) {
      const result = await db.updateTable('message').set({ ticket_id: toTicketId }).where('ticket_id', '=', fromTicketId).executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

function toAttachment(row: AttachmentTable): Attachment {
  return {
    id: row.id,
    ticketId: row.ticket_id,
    messageId: row.message_id,
    uploaderType: row.uploader_type as Attachment['uploaderType'],
    uploaderId: row.uploader_id,
    filename: row.filename,
    contentType: row.content_type,
    size: row.size,
    sha256: row.sha256,
    createdAt: row.created_at,
  };
}

export function attachmentRepo(db: Db): AttachmentRepo {
  return {
    async insert(a) {
      await db
        .insertInto('attachment')
        .values({
          id: a.id,
          ticket_id: a.ticketId,
          message_id: a.messageId,
          uploader_type: a.uploaderType,
          uploader_id: a.uploaderId,
          filename: a.filename,
          content_type: a.contentType,
          size: a.size,
          sha256: a.sha256,
          created_at: a.createdAt,
        })
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom('attachment').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toAttachment(row) : null;
    },
    async attach(ids, messageId, ticketId) {
      if (ids.length === 0) return;
      await db.updateTable('attachment').set({ message_id: messageId, ticket_id: ticketId }).where('id', 'in', ids).execute();
    },
    async listForMessages(messageIds) {
      if (messageIds.length === 0) return [];
      const rows = await db.selectFrom('attachment').selectAll().where('message_id', 'in', messageIds).orderBy('created_at').execute();
      return rows.map(toAttachment);
    },
    async moveToTicket(fromTicketId, toTicketId) {
      await db.updateTable('attachment').set({ ticket_id: toTicketId }).where('ticket_id', '=', fromTicketId).execute();
    },
  };
}
