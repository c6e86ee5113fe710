/**
 * The floor for the ticket benchmark: a bare Fastify route doing one INSERT into the same database, with no
 * walletdesk code at all. `node bin/run-ts.js bench/floor-server.ts sqlite|postgres` prints "listening <port>".
 */
import Fastify from 'fastify';
import Database from 'better-sqlite3';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const store = process.argv[2] ?? 'sqlite';
const app = Fastify({ logger: false });

if (store === 'sqlite') {
  const db = new Database(join(mkdtempSync(join(tmpdir(), 'floor-')), 'floor.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${process.env.SQLITE_SYNCHRONOUS === 'normal' ? 'NORMAL' : 'FULL'}`);
  db.exec('create table ticket (id text primary key, subject text not null, body text not null, email text not null, created_at text not null)');
  const insert = db.prepare('insert into ticket values (?, ?, ?, ?, ?)');
  app.post('/floor', async (request, reply) => {
    const b = request.body as { subject: string; body: string; requester: { email: string } };
    insert.run(randomUUID(), b.subject, b.body, b.requester.email, new Date().toISOString());
    return reply.code(201).send({ ok: true });
  });
} else {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  await pool.query('create table if not exists floor_ticket (id text primary key, subject text not null, body text not null, email text not null, created_at text not null)');
  app.post('/floor', async (request, reply) => {
    const b = request.body as { subject: string; body: string; requester: { email: string } };
    await pool.query('insert into floor_ticket values ($1, $2, $3, $4, $5)', [randomUUID(), b.subject, b.body, b.requester.email, new Date().toISOString()]);
    return reply.code(201).send({ ok: true });
  });
}

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
