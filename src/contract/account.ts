/** /api/v1/auth (sign-in, password, two-factor), /settings, and first-run /setup. */
import { Type } from '@sinclair/typebox';
import { LanguageT, Nullable, literals } from './common.js';
import { AgentJson } from './people.js';

/** The signed-in agent, and the CSRF token the console sends with unsafe requests. */
export const Me = Type.Object({ agent: AgentJson, csrf_token: Type.Union([Type.String(), Type.Null()]), must_enroll_two_factor: Type.Boolean() });

/** POST /auth/login */
export const LoginBody = Type.Object(
  { email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 256 }), totp: Type.Optional(Type.String({ maxLength: 10 })) },
  { additionalProperties: false },
);

/** POST /auth/password */
export const PasswordBody = Type.Object({ current_password: Type.String({ maxLength: 256 }), new_password: Type.String({ maxLength: 256 }) }, { additionalProperties: false });
export const PasswordChanged = Type.Object({ csrf_token: Nullable(Type.String()) });

/** POST /auth/totp/setup */
export const TotpSetup = Type.Object({ secret: Type.String(), otpauth_uri: Type.String() });
/** POST /auth/totp/confirm and /auth/totp/disable */
export const TotpCode = Type.Object({ code: Type.String({ maxLength: 10 }) }, { additionalProperties: false });

/** GET/PATCH /settings/routing */
export const RoutingSettings = Type.Object({
  mode: literals(['off', 'team', 'agent'] as const),
  strategy: literals(['least_loaded', 'round_robin'] as const),
});
export const RoutingPatch = Type.Partial(RoutingSettings, { additionalProperties: false, minProperties: 1 });

/** GET/PATCH /settings/security */
export const SecuritySettings = Type.Object({ require_2fa: Type.Boolean() });
export const SecurityPatch = Type.Partial(SecuritySettings, { additionalProperties: false, minProperties: 1 });

/** POST /setup: the first admin (and brand). */
export const SetupBody = Type.Object(
  {
    email: Type.String({ maxLength: 254 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ maxLength: 256 }),
    brand_name: Type.Optional(Type.String({ maxLength: 100 })),
    default_language: Type.Optional(LanguageT),
    time_zone: Type.Optional(Type.String({ maxLength: 64 })),
    token: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export const SetupNeeded = Type.Object({ needed: Type.Boolean() });
export const SetupDone = Type.Object({ agent: AgentJson });
