/** One-time agent links (issue 19): password resets and invitations, and the page an agent opens from the mail. */
import { Type } from '@sinclair/typebox';
import { RoleT } from './common.js';
import { AgentJson } from './people.js';

const Strings = (max: number, itemMax = 200) => Type.Array(Type.String({ maxLength: itemMax }), { maxItems: max });

/** POST /agents/:id/password-reset → 202 */
export const AgentLinkSent = Type.Object({ to: Type.String(), expires_at: Type.String() });

/** POST /agents/invite: a new agent without a password; they choose it from the e-mailed link. */
export const AgentInviteBody = Type.Object(
  {
    email: Type.String({ maxLength: 254 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: RoleT,
    languages: Type.Optional(Strings(20, 20)),
    brand_ids: Type.Optional(Strings(100, 64)),
    team_ids: Type.Optional(Strings(100, 64)),
  },
  { additionalProperties: false },
);
export const AgentInvited = Type.Object({ agent: AgentJson, expires_at: Type.String() });

/** POST /auth/link (the token in the body, never in a URL) */
export const AgentLinkToken = Type.Object({ token: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
export const AgentLinkInfo = Type.Object({
  purpose: Type.Union([Type.Literal('reset'), Type.Literal('invite')]),
  name: Type.String(),
  email: Type.String(),
  usable: Type.Boolean(),
  two_factor_required: Type.Boolean(),
});

/** POST /auth/link/password */
export const AgentLinkPassword = Type.Object({ token: Type.String({ maxLength: 100 }), password: Type.String({ maxLength: 256 }) }, { additionalProperties: false });
export const AgentLinkDone = Type.Object({ email: Type.String(), two_factor_required: Type.Boolean() });

/** DELETE /agents/:id/two-factor (admins): the agent lost their device. */
export const AgentTwoFactorRemoved = Type.Object({ agent: AgentJson, sessions_ended: Type.Integer(), mailed: Type.Boolean() });
