import { CompiledQuery, sql } from 'kysely';
import { DEFERRABLE } from '../deferred-inserts.js';
import { newId } from '../../core/ids.js';
import type { Job, JobRepo } from '../../app/ports.js';
import type { JobTable } from '../schema.js';
import type { DialectName } from '../dialect.js';
import { parseJson, type Db, jsonText } from './rows.js';

function toJob(row: JobTable): Job {
  return {
    id: row.id,
    type: row.type,
    payload: parseJson<Record<string, unknown>>(row.payload, {}),
    status: row.status,
    runAt: row.run_at,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    lastError: row.last_error,
    dedupeKey: row.dedupe_key,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A queued job's row. */
function newJobRow(job: Parameters<JobRepo['enqueue']>[0], at: string): JobTable {
  return {
    id: newId(),
    type: job.type,
    payload: jsonText(job.payload),
    status: 'queued',
    run_at: job.runAt ?? at,
    attempts: 0,
    max_attempts: job.maxAttempts ?? 8,
    locked_by: null,
    locked_until: null,
    last_error: null,
    dedupe_key: job.dedupeKey ?? null,
    created_at: at,
    updated_at: at,
  };
}

/** The durable job queue: rows written in the same transaction as the change that caused them. */
export function jobRepo(db: Db, dialect: DialectName): JobRepo {
  return {
    async enqueue(job, at) {
      const row = newJobRow(job, at);
      const result = await db.insertInto('job').values(row).onConflict((oc) => oc.column('dedupe_key').doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? row.id : null;
    },
    async enqueueAll(jobs, at) {
      if (jobs.length === 0) return;
      // Nothing reads the result: on PostgreSQL the insert waits inside the transaction and travels with the
      // change's other inserts as one statement (deferred-inserts.ts) instead of a round trip of its own.
      const compiled = db
        .insertInto('job')
        .values(jobs.map((job) => newJobRow(job, at)))
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .compile();
      await db.executeQuery(CompiledQuery.raw(DEFERRABLE + compiled.sql, [...compiled.parameters]));
    },
    async enqueueMany(jobs, at) {
      if (jobs.length === 0) return 0;
      // One multi-row statement for all of a change's processor jobs: ticket creation stays one round trip here.
      const result = await db
        .insertInto('job')
        .values(jobs.map((job) => newJobRow(job, at)))
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    },
    async claim(workerId, now, lockUntil, limit) {
      // Due queued jobs, plus running jobs whose worker died (lock expired). On PostgreSQL, SKIP LOCKED lets
      // several instances claim side by side without waiting on each other.
      const due = db
        .selectFrom('job')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
            eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
          ]),
        )
        .orderBy('run_at')
        .orderBy('id')
        .limit(limit);
      const claimable = dialect === 'postgres' ? due.forUpdate().skipLocked() : due;
      const rows = await db
        .updateTable('job')
        .set({
          status: 'running',
          locked_by: workerId,
          locked_until: lockUntil,
          attempts: sql<number>`attempts + 1`,
          updated_at: now,
        })
        .where('id', 'in', claimable)
        .returningAll()
        .execute();
      // RETURNING keeps no order: the claim order is due time, then id (ids grow with time), so jobs queued
      // together for one ticket run in the order they were queued.
      return rows.map(toJob).sort((a, b) => (a.runAt < b.runAt ? -1 : a.runAt > b.runAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    async complete(id, at) {
      await db.updateTable('job').set({ status: 'done', locked_by: null, locked_until: null, updated_at: at }).where('id', '=', id).execute();
    },
    async completeMany(ids, at) {
      if (ids.length === 0) return;
      await db.updateTable('job').set({ status: 'done', locked_by: null, locked_until: null, updated_at: at }).where('id', 'in', ids).execute();
    },
    async fail(id, error, retryAt, at) {
      await db
        .updateTable('job')
        .set({
          status: retryAt ? 'queued' : 'failed',
          run_at: retryAt ?? at,
          last_error: error.slice(0, 2000),
          locked_by: null,
          locked_until: null,
          updated_at: at,
        })
        .where('id', '=', id)
        .execute();
    },
    async get(id) {
      const row = await db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toJob(row) : null;
    },
    async list(filter, limit) {
      let q = db.selectFrom('job').selectAll().orderBy('created_at', 'desc').limit(limit);
      if (filter.status) q = q.where('status', '=', filter.status);
      if (filter.type) q = q.where('type', '=', filter.type);
      return (await q.execute()).map(toJob);
    },
  };
}
