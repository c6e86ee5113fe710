/** Cursor pagination: one page of items under a named key, and the cursor of the next page (null at the end). */
import { Type, type TArray, type TNull, type TObject, type TSchema, type TString, type TUnion } from '@sinclair/typebox';
import { Nullable } from './common.js';

/** `{ [key]: item[], next_cursor }`, typed by key, so `Static<>` knows `page.tickets`. */
export const Page = <K extends string, T extends TSchema>(key: K, item: T) =>
  Type.Object({ [key]: Type.Array(item), next_cursor: Nullable(Type.String()) }) as unknown as TObject<
    { [P in K]: TArray<T> } & { next_cursor: TUnion<[TString, TNull]> }
  >;
