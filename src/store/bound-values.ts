/**
 * One place where every value bound to a query is made storable, the same on both databases:
 *
 * - NUL (U+0000) is removed from strings. PostgreSQL cannot store it in text at all ("invalid byte sequence
 *   for encoding UTF8: 0x00"), so a NUL in a customer's e-mail, chat message or form field made the write fail
 *   for ever (SMTP answered 451 until the sender gave up: the message was lost). SQLite could store it; it is
 *   removed there too so both stores keep the same text.
 * - On SQLite, booleans are bound as 1 and 0: better-sqlite3 refuses a JavaScript boolean ("SQLite3 can only
 *   bind numbers, strings, bigints, buffers, and null"), which made a `true` parameter a 500.
 *
 * JSON columns are text written with JSON.stringify, which escapes NUL as the six characters \u0000: storable.
 */
import {
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from 'kysely';
import { withoutNul } from '../core/text.js';

/** A value as it may be bound on any store: strings without NUL. */
export function storableValue(v: unknown): unknown {
  return typeof v === 'string' ? withoutNul(v) : v;
}

class BoundValues extends OperationNodeTransformer {
  constructor(private readonly sqlite: boolean) {
    super();
  }

  private value(v: unknown): unknown {
    if (this.sqlite && typeof v === 'boolean') return v ? 1 : 0;
    return storableValue(v);
  }

  protected override transformValue(node: ValueNode): ValueNode {
    const v = this.value(node.value);
    return v === node.value ? node : { ...node, value: v };
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    const values = node.values.map((v) => this.value(v));
    return values.every((v, i) => v === node.values[i]) ? node : { ...node, values };
  }
}

/** The Kysely plugin the store runs every query through. */
export class BoundValuesPlugin implements KyselyPlugin {
  readonly #transformer: BoundValues;

  constructor(dialect: 'sqlite' | 'postgres') {
    this.#transformer = new BoundValues(dialect === 'sqlite');
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
