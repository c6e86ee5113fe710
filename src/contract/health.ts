/** /healthz and /readyz, read by load balancers and monitors. */
import { Type } from '@sinclair/typebox';

export const HealthOk = Type.Object({ status: Type.String() });
/** /readyz while the database does not answer (503). */
export const HealthDown = Type.Object({ status: Type.String(), reason: Type.String() });
