/** The Store port on Kysely: one implementation for SQLite and PostgreSQL. */
import { Migrator, PostgresAdapter, sql, type Kysely } from 'kysely';
import { AppError } from '../core/errors.js';
import type { Repos, Store } from '../app/ports.js';
import type { Database } from './schema.js';
import type { DialectName } from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import { brandRepo } from './repos/brand-repo.js';
import { agentRepo } from './repos/agent-repo.js';
import { teamRepo } from './repos/team-repo.js';
import { customerRepo } from './repos/customer-repo.js';
import { ticketRepo } from './repos/ticket-repo.js';
import { attachmentRepo, messageRepo } from './repos/message-repo.js';
import { eventRepo } from './repos/event-repo.js';
import { jobRepo } from './repos/job-repo.js';
import { sessionRepo, settingsRepo, tokenRepo } from './repos/auth-repos.js';
import { mailboxRepo } from './repos/mailbox-repo.js';

function reposFor(db: Kysely<Database>, dialect: DialectName): Repos {
  return {
    brands: brandRepo(db),
    agents: agentRepo(db),
    teams: teamRepo(db),
    customers: customerRepo(db),
    tickets: ticketRepo(db, dialect),
    messages: messageRepo(db),
    attachments: attachmentRepo(db),
    events: eventRepo(db),
    jobs: jobRepo(db, dialect),
    tokens: tokenRepo(db),
    sessions: sessionRepo(db),
    settings: settingsRepo(db),
    mailboxes: mailboxRepo(db),
  };
}

/** Wraps an open Kysely instance as the app's Store. The store owns the connection and closes it. */
export function createStore(db: Kysely<Database>, dialect: DialectName): Store {
  return {
    dialect,
    ...reposFor(db, dialect),
    transaction: (fn) => db.transaction().execute((trx) => fn(reposFor(trx, dialect))),
    async ping() {
      try {
        await sql`select 1`.execute(db);
      } catch {
        throw new AppError('unavailable', 'The database is not answering. Try again in a moment.');
      }
    },
    close: () => db.destroy(),
  };
}

/** Brings the schema up to date. Safe to run on every start and from several instances at once. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // Without a schema, Kysely's migrator counts its lock table as present when any PostgreSQL schema has one, so
  // two installs (or test suites) in different schemas of one database break each other's first migration.
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
