/** Every error answer of the API: `{"error": {"code", "message"}}` (DESIGN.md convention 2). */
import { Type, type Static } from '@sinclair/typebox';
import { ERROR_CODES } from '../core/errors.js';
import { literals } from './common.js';

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: literals(ERROR_CODES),
      message: Type.String(),
      details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      request_id: Type.Optional(Type.String()),
    }),
  },
  { $id: 'Error' },
);
export type ErrorBody = Static<typeof ErrorResponse>;

/** Standard error responses, so OpenAPI lists them and replies are shaped like everything else. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorResponse]));
