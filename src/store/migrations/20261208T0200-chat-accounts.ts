/**
 * Chat settings become channel accounts (issue 15): each brand's `chat:<brand id>` settings row turns into one
 * channel_account of kind 'chat' (settings enforce_identity, allowed_origins, reply_within_hours; `enabled`
 * from the row), and the row is removed. The chat secret was sealed on its own; the migration cannot open it
 * (it has no key), so it is stored as `fields:{"secret":"v1.…"}` — the per-field sealed form the app reads and
 * rewrites as one sealed object on the account's next change. A row whose brand is gone is dropped. Frozen once
 * released.
 */
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';

type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface OldChatSettings {
  enabled?: unknown;
  enforceIdentity?: unknown;
  allowedOrigins?: unknown;
  replyWithinHours?: unknown;
  secretSealed?: unknown;
}

export async function up(db: AnyDb): Promise<void> {
  const rows = (await db.selectFrom('setting').select(['key', 'value']).where('key', 'like', 'chat:%').execute()) as Array<{ key: string; value: string }>;
  const now = new Date().toISOString();
  for (const row of rows) {
    const brandId = row.key.slice('chat:'.length);
    const brand = await db.selectFrom('brand').select('id').where('id', '=', brandId).executeTakeFirst();
    if (brand) {
      let old: OldChatSettings = {};
      try {
        old = JSON.parse(row.value) as OldChatSettings;
      } catch {
        // An unreadable row leaves the brand with the defaults.
      }
      const hours = typeof old.replyWithinHours === 'number' && Number.isInteger(old.replyWithinHours) ? old.replyWithinHours : 24;
      const settings = {
        enforce_identity: old.enforceIdentity === true,
        allowed_origins: Array.isArray(old.allowedOrigins) ? old.allowedOrigins.filter((o): o is string => typeof o === 'string') : [],
        reply_within_hours: Math.min(Math.max(hours, 1), 168),
      };
      const secret = typeof old.secretSealed === 'string' && old.secretSealed.length > 0 ? `fields:${JSON.stringify({ secret: old.secretSealed })}` : null;
      const taken = await db.selectFrom('channel_account').select('id').where('brand_id', '=', brandId).where('kind', '=', 'chat').executeTakeFirst();
      if (!taken) {
        await db
          .insertInto('channel_account')
          .values({
            id: uuidv7(),
            brand_id: brandId,
            kind: 'chat',
            name: 'Live chat',
            settings: JSON.stringify(settings),
            secrets: secret,
            unique_key: null,
            enabled: old.enabled === false ? 0 : 1,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
    }
    await db.deleteFrom('setting').where('key', '=', row.key).execute();
  }
}

/** Back to settings rows (the account's secret goes back only when it is still in the per-field form). */
export async function down(db: AnyDb): Promise<void> {
  const accounts = (await db.selectFrom('channel_account').selectAll().where('kind', '=', 'chat').execute()) as Array<{
    id: string;
    brand_id: string;
    settings: string;
    secrets: string | null;
    enabled: number | boolean;
  }>;
  for (const a of accounts) {
    const s = JSON.parse(a.settings) as { enforce_identity?: boolean; allowed_origins?: string[]; reply_within_hours?: number };
    let secretSealed: string | null = null;
    if (a.secrets?.startsWith('fields:')) secretSealed = (JSON.parse(a.secrets.slice('fields:'.length)) as { secret?: string }).secret ?? null;
    const value = JSON.stringify({
      enabled: a.enabled === 1 || a.enabled === true,
      enforceIdentity: s.enforce_identity === true,
      allowedOrigins: s.allowed_origins ?? [],
      replyWithinHours: s.reply_within_hours ?? 24,
      secretSealed,
    });
    await db.insertInto('setting').values({ key: `chat:${a.brand_id}`, value }).execute();
    await db.deleteFrom('channel_account').where('id', '=', a.id).execute();
  }
}
