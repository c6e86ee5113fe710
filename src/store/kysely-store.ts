/** The Store port on Kysely: one implementation for SQLite and PostgreSQL. */
import { Migrator, PostgresAdapter, sql, type Kysely } from 'kysely';
import { AppError } from '../core/errors.js';
import { databaseFailureKind } from '../app/store-errors.js';
import type { Repos, Store } from '../app/ports.js';
import type { Database } from './schema.js';
import type { DialectName } from './dialect.js';
import { migrationProvider } from './migrations/index.js';
import { groupCommit } from './group-commit.js';
import { BoundValuesPlugin } from './bound-values.js';
import { brandRepo } from './repos/brand-repo.js';
import { agentRepo } from './repos/agent-repo.js';
import { teamRepo } from './repos/team-repo.js';
import { customerRepo } from './repos/customer-repo.js';
import { ticketNumberPool, ticketRepo } from './repos/ticket-repo.js';
import { attachmentRepo, messageRepo } from './repos/message-repo.js';
import { eventRepo } from './repos/event-repo.js';
import { jobRepo } from './repos/job-repo.js';
import { sessionRepo, settingsRepo, tokenRepo } from './repos/auth-repos.js';
import { brandKeyRepo, officialChannelRepo } from './repos/channel-repo.js';
import { portalLinkRepo } from './repos/portal-link-repo.js';
import { mailboxRepo } from './repos/mailbox-repo.js';
import { callRepo } from './repos/call-repo.js';
import { chatSessionRepo, presenceRepo } from './repos/chat-repo.js';
import { idempotencyRepo } from './repos/idempotency-repo.js';
import { channelAccountRepo } from './repos/channel-account-repo.js';
import { stepUpRepo } from './repos/step-up-repo.js';
import { notificationRepo, ruleRepo } from './repos/rule-repo.js';
import { freezeRepo } from './repos/freeze-repo.js';
import { agentLinkRepo } from './repos/agent-link-repo.js';
import { slaRepo } from './repos/sla-repo.js';
import { csatRepo } from './repos/csat-repo.js';
import { reportRepo } from './repos/report-repo.js';
import { articleRepo, kbEventRepo, macroRepo } from './repos/kb-repo.js';

function reposFor(db: Kysely<Database>, dialect: DialectName, numbers?: ReturnType<typeof ticketNumberPool>): Repos {
  return {
    brands: brandRepo(db),
    agents: agentRepo(db),
    teams: teamRepo(db),
    customers: customerRepo(db),
    tickets: ticketRepo(db, dialect, numbers),
    messages: messageRepo(db),
    attachments: attachmentRepo(db),
    events: eventRepo(db),
    jobs: jobRepo(db, dialect),
    tokens: tokenRepo(db),
    sessions: sessionRepo(db),
    settings: settingsRepo(db),
    officialChannels: officialChannelRepo(db),
    brandKeys: brandKeyRepo(db),
    portalLinks: portalLinkRepo(db),
    mailboxes: mailboxRepo(db),
    calls: callRepo(db),
    chatSessions: chatSessionRepo(db),
    presence: presenceRepo(db),
    idempotency: idempotencyRepo(db),
    channelAccounts: channelAccountRepo(db),
    stepUps: stepUpRepo(db),
    rules: ruleRepo(db),
    notifications: notificationRepo(db),
    freezes: freezeRepo(db),
    agentLinks: agentLinkRepo(db),
    sla: slaRepo(db, dialect),
    csat: csatRepo(db),
    reports: reportRepo(db),
    macros: macroRepo(db),
    articles: articleRepo(db),
    kbEvents: kbEventRepo(db),
  };
}

/** Wraps an open Kysely instance as the app's Store. The store owns the connection and closes it. */
export function createStore(connection: Kysely<Database>, dialect: DialectName): Store {
  const db = connection.withPlugin(new BoundValuesPlugin(dialect));
  // SQLite has one writer: batch concurrent transactions into one fsync (group-commit.ts). PostgreSQL runs
  // them side by side and groups WAL flushes itself.
  const numbers = dialect === 'postgres' ? ticketNumberPool() : undefined;
  const transaction: Store['transaction'] =
    dialect === 'sqlite' ? groupCommit(db, (trx) => reposFor(trx, dialect)) : (fn) => db.transaction().execute((trx) => fn(reposFor(trx, dialect, numbers)));
  const repos = reposFor(db, dialect, numbers);
  if (dialect === 'sqlite') {
    // Bookkeeping writes made outside any use case's transaction (a console's presence beat, a session's or a
    // token's last use) would each COMMIT alone, waiting for its own fsync with the event loop blocked (about
    // 10 ms each on a busy disk; 200 open consoles make a dozen a second). They join the group commit instead.
    const { presence, sessions, tokens } = repos;
    repos.presence = { ...presence, touch: (agentId, at) => transaction((r) => r.presence.touch(agentId, at)), clear: (agentId) => transaction((r) => r.presence.clear(agentId)) };
    repos.sessions = { ...sessions, touch: (idHash, lastSeenAt, expiresAt) => transaction((r) => r.sessions.touch(idHash, lastSeenAt, expiresAt)) };
    repos.tokens = { ...tokens, touch: (id, at) => transaction((r) => r.tokens.touch(id, at)) };
  }
  return {
    dialect,
    ...repos,
    transaction,
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

/** A start-up failure for the operator: the driver's own words (not the generic 503 text), the cause kept. */
function cannotReach(err: unknown, advice: string): AppError {
  const cause = err instanceof AppError && err.cause !== undefined ? err.cause : err;
  const words = cause instanceof Error ? cause.message : String(cause);
  const e =
    databaseFailureKind(cause) === 'config'
      ? new AppError('unavailable', `the database refuses walletdesk (${words}); fix the user, password, host or database name in DATABASE_URL`)
      : new AppError('unavailable', `cannot reach the database (${words}); ${advice}`);
  e.cause = cause;
  return e;
}

/** Brings the schema up to date. Safe to run on every start and from several instances at once. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // On PostgreSQL, name the schema: Kysely otherwise looks for its bookkeeping tables in every schema and may
  // take another schema's (another install, a test) for ours.
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    try {
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
      migrationTableSchema = rows[0]?.schema;
    } catch (err) {
      throw cannotReach(err, 'check DATABASE_URL and that PostgreSQL is running');
    }
  }
  const migrator = new Migrator({ db, provider: migrationProvider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = results?.find((r) => r.status === 'Error');
    if (!failed) throw cannotReach(error, 'check DATABASE_URL or DATA_DIR and that the database is running');
    throw new Error(`migration ${failed.migrationName} failed: ${message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
