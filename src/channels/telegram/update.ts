/**
 * A Telegram Update (core.telegram.org/bots/api#update) → what the desk does with it: a customer's message in a
 * private chat (text, a photo, a document), a command the bot answers (/start, /verify @handle: in groups the
 * bot answers only these), or "ignored, because …". Pure: the payload is validated here, nothing is stored.
 */
import { Type, type Static } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';

const User = Type.Object({
  id: Type.Integer(),
  is_bot: Type.Boolean(),
  first_name: Type.String(),
  last_name: Type.Optional(Type.String()),
  username: Type.Optional(Type.String()),
  language_code: Type.Optional(Type.String()),
});
const Chat = Type.Object({ id: Type.Integer(), type: Type.String(), title: Type.Optional(Type.String()), username: Type.Optional(Type.String()) });
const PhotoSize = Type.Object({ file_id: Type.String(), file_unique_id: Type.String(), width: Type.Integer(), height: Type.Integer(), file_size: Type.Optional(Type.Integer()) });
const Document = Type.Object({
  file_id: Type.String(),
  file_unique_id: Type.String(),
  file_name: Type.Optional(Type.String()),
  mime_type: Type.Optional(Type.String()),
  file_size: Type.Optional(Type.Integer()),
});
const Entity = Type.Object({ type: Type.String(), offset: Type.Integer(), length: Type.Integer() });
const Message = Type.Object({
  message_id: Type.Integer(),
  date: Type.Integer(),
  chat: Chat,
  from: Type.Optional(User),
  text: Type.Optional(Type.String()),
  caption: Type.Optional(Type.String()),
  entities: Type.Optional(Type.Array(Entity)),
  photo: Type.Optional(Type.Array(PhotoSize)),
  document: Type.Optional(Document),
});
const Update = Type.Object({ update_id: Type.Integer(), message: Type.Optional(Message) });
const checkUpdate = TypeCompiler.Compile(Update);

export type TelegramMessage = Static<typeof Message>;

/** The update types the desk asks for in setWebhook's `allowed_updates`. */
export const ALLOWED_UPDATES = ['message'] as const;

export interface TelegramFileRef {
  fileId: string;
  filename: string;
  contentType: string;
  /** As Telegram reported it, when it did: lets the desk refuse an oversized file before downloading it. */
  size: number | null;
}

export type ReadUpdate =
  | {
      kind: 'message';
      /** De-duplication key: a message id is unique within its chat. */
      sourceId: string;
      updateId: number;
      chatId: number;
      messageId: number;
      from: { id: number; name: string; username: string | null; language: 'zh-CN' | 'en' };
      text: string;
      files: TelegramFileRef[];
    }
  | { kind: 'command'; command: 'start' | 'verify'; argument: string | null; chatId: number; messageId: number; group: boolean; language: 'zh-CN' | 'en' }
  | { kind: 'ignored'; reason: string };

/** Telegram's language codes are IETF tags ("zh-hans", "zh-TW", "en"): the desk speaks zh-CN or English. */
export function languageOf(code: string | undefined): 'zh-CN' | 'en' {
  return code && /^zh\b/i.test(code) ? 'zh-CN' : 'en';
}

/** "/verify@satoshi_bot @handle" → { command: 'verify', argument: '@handle' } when addressed to this bot (or to no bot). */
function commandIn(message: TelegramMessage, botUsername: string): { command: string; argument: string | null } | null {
  const text = message.text ?? '';
  const first = message.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!first) return null;
  const token = text.slice(0, first.length);
  const m = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?$/.exec(token);
  if (!m) return null;
  if (m[2] && m[2].toLowerCase() !== botUsername.toLowerCase()) return null;
  const argument = text.slice(first.length).trim();
  return { command: m[1]!.toLowerCase(), argument: argument === '' ? null : argument.slice(0, 200) };
}

const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };

/** Validates one webhook payload and says what it is. `botUsername` is the bot's own (from getMe). */
export function readUpdate(payload: unknown, botUsername: string): ReadUpdate {
  if (!checkUpdate.Check(payload)) return { kind: 'ignored', reason: 'not an update the desk reads' };
  const message = payload.message;
  if (!message) return { kind: 'ignored', reason: 'update type not handled' };
  if (!message.from || message.from.is_bot) return { kind: 'ignored', reason: 'not from a person' };
  const group = message.chat.type !== 'private';
  const language = languageOf(message.from.language_code);
  const command = commandIn(message, botUsername);
  if (command && (command.command === 'start' || command.command === 'verify')) {
    return { kind: 'command', command: command.command, argument: command.argument, chatId: message.chat.id, messageId: message.message_id, group, language };
  }
  // In a group the bot speaks only when spoken to with its commands; conversations happen in private.
  if (group) return { kind: 'ignored', reason: command ? 'command not handled in groups' : 'group message' };

  const files: TelegramFileRef[] = [];
  const photo = message.photo?.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  if (photo) files.push({ fileId: photo.file_id, filename: `photo-${message.message_id}.jpg`, contentType: 'image/jpeg', size: photo.file_size ?? null });
  if (message.document) {
    const d = message.document;
    const contentType = (d.mime_type ?? 'application/octet-stream').toLowerCase();
    files.push({ fileId: d.file_id, filename: d.file_name ?? `file-${message.message_id}.${EXTENSION[contentType] ?? 'bin'}`, contentType, size: d.file_size ?? null });
  }
  const text = (message.text ?? message.caption ?? '').trim();
  if (text === '' && files.length === 0) return { kind: 'ignored', reason: 'no text or file' };
  const name = [message.from.first_name, message.from.last_name].filter(Boolean).join(' ').trim();
  return {
    kind: 'message',
    sourceId: `${message.chat.id}:${message.message_id}`,
    updateId: payload.update_id,
    chatId: message.chat.id,
    messageId: message.message_id,
    from: { id: message.from.id, name: name || message.from.username || String(message.from.id), username: message.from.username ?? null, language },
    text,
    files,
  };
}
