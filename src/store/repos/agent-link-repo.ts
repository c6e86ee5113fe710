/** One-time agent links (issue 19): looked up by the token's SHA-256, used once by a conditional update. */
import type { AgentLink, AgentLinkPurpose, AgentLinkRepo } from '../../app/ports.js';
import type { AgentLinkTable } from '../schema.js';
import type { Db } from './rows.js';

const toLink = (r: AgentLinkTable): AgentLink => ({
  tokenHash: r.token_hash,
  agentId: r.agent_id,
  purpose: r.purpose as AgentLinkPurpose,
  createdBy: r.created_by,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});

export function agentLinkRepo(db: Db): AgentLinkRepo {
  return {
    async insert(l) {
      await db
        .insertInto('agent_link')
        .values({ token_hash: l.tokenHash, agent_id: l.agentId, purpose: l.purpose, created_by: l.createdBy, created_at: l.createdAt, expires_at: l.expiresAt, used_at: l.usedAt })
        .execute();
    },
    async find(tokenHash) {
      const r = await db.selectFrom('agent_link').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return r ? toLink(r) : null;
    },
    async use(tokenHash, at) {
      const r = await db.updateTable('agent_link').set({ used_at: at }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async voidOpen(agentId, at) {
      const r = await db.updateTable('agent_link').set({ used_at: at }).where('agent_id', '=', agentId).where('used_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}
