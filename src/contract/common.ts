/**
 * Building blocks of the API contract: closed sets of strings from core/, ids, nullable values. The contract
 * folder is read by the routes (validation, response shaping, OpenAPI) and by web/ (types only), so it imports
 * nothing but TypeBox and core/ constants.
 */
import { Type, type TNull, type TSchema, type TUnion, type TUnsafe } from '@sinclair/typebox';
import { CATEGORIES, CHANNELS, PRIORITIES, TICKET_STATUSES } from '../core/ticket.js';
import { LANGUAGES, ROLES, VERIFICATION_LEVELS } from '../core/people.js';

/** A closed set of strings: an `enum` in JSON Schema and OpenAPI, the literal union in TypeScript. */
export const literals = <T extends readonly string[]>(values: T): TUnsafe<T[number]> => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
/** The value or null. */
export const Nullable = <T extends TSchema>(s: T): TUnion<[T, TNull]> => Type.Union([s, Type.Null()]);

export const Status = literals(TICKET_STATUSES);
export const PriorityT = literals(PRIORITIES);
export const CategoryT = literals(CATEGORIES);
export const ChannelT = literals(CHANNELS);
export const RoleT = literals(ROLES);
export const LanguageT = literals(LANGUAGES);
export const VerificationT = literals(VERIFICATION_LEVELS);

export const Id = Type.String({ minLength: 1, maxLength: 64 });
export const Time = Type.String({ format: 'date-time' });
/** `{id}` in a path. */
export const IdParams = Type.Object({ id: Id });

/** A text the server wrote in both interface languages; the reader picks one. */
export const Bilingual = Type.Object({ en: Type.String(), 'zh-CN': Type.String() });

/** How a channel reference (link, number, e-mail, account) compares with the official channels. */
export const Verdict = literals(['official', 'lookalike', 'unknown'] as const);
