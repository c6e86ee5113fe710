/** /api/v1/shield: outbound-guard false positives reported by agents, reviewed by admins. */
import { Type } from '@sinclair/typebox';
import { EventJson } from './tickets.js';

/** POST /shield/reports */
export const ShieldReportBody = Type.Object(
  { rule: Type.String({ maxLength: 60 }), text: Type.String({ maxLength: 4000 }), ticket_id: Type.Optional(Type.String({ maxLength: 64 })) },
  { additionalProperties: false },
);
/** GET /shield/reports */
export const ShieldReports = Type.Object({ reports: Type.Array(EventJson) });
