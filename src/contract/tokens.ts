/** /api/v1/tokens: API tokens acting as an agent (admins). */
import { Type } from '@sinclair/typebox';
import { Id, Nullable, RoleT } from './common.js';

export const TokenJson = Type.Object({
  id: Type.String(),
  agent_id: Type.String(),
  name: Type.String(),
  role: RoleT,
  prefix: Type.String(),
  created_at: Type.String(),
  last_used_at: Nullable(Type.String()),
  revoked_at: Nullable(Type.String()),
});
export const TokenList = Type.Object({ tokens: Type.Array(TokenJson) });

/** POST /tokens; the answer carries the secret, once. */
export const TokenCreate = Type.Object({ agent_id: Id, name: Type.Optional(Type.String({ maxLength: 100 })), role: Type.Optional(RoleT) }, { additionalProperties: false });
export const TokenCreated = Type.Intersect([TokenJson, Type.Object({ token: Type.String() })]);
