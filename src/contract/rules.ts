/** /api/v1/rules (admins): triggers and automations, their dry run and the starter set (issue 17). */
import { Type } from '@sinclair/typebox';
import { ACTION_TYPES, CONDITION_FIELDS, OPERATORS, RULE_KINDS } from '../core/rules.js';
import { Id, Nullable, Status, Time, literals } from './common.js';

export const RuleKindT = literals(RULE_KINDS);

export const RuleConditionJson = Type.Object(
  {
    field: literals(CONDITION_FIELDS),
    operator: literals(OPERATORS),
    value: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 50 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const RuleActionJson = Type.Object(
  {
    type: literals(ACTION_TYPES),
    value: Type.Union([Type.String({ maxLength: 5000 }), Type.Array(Type.String({ maxLength: 50 }), { maxItems: 20 }), Type.Null()]),
  },
  { additionalProperties: false },
);

export const RuleConditionsJson = Type.Object(
  { all: Type.Optional(Type.Array(RuleConditionJson, { maxItems: 30 })), any: Type.Optional(Type.Array(RuleConditionJson, { maxItems: 30 })) },
  { additionalProperties: false },
);

const Name = Type.String({ minLength: 1, maxLength: 120 });

export const RuleJson = Type.Object({
  id: Id,
  kind: RuleKindT,
  name: Type.String(),
  brand_id: Nullable(Id),
  enabled: Type.Boolean(),
  position: Type.Integer(),
  conditions: Type.Object({ all: Type.Array(RuleConditionJson), any: Type.Array(RuleConditionJson) }),
  actions: Type.Array(RuleActionJson),
  created_at: Time,
  updated_at: Time,
});

export const RuleList = Type.Object({ rules: Type.Array(RuleJson) });

export const RuleCreate = Type.Object(
  {
    kind: RuleKindT,
    name: Name,
    brand_id: Type.Optional(Nullable(Id)),
    enabled: Type.Optional(Type.Boolean()),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    conditions: RuleConditionsJson,
    actions: Type.Array(RuleActionJson, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);

export const RulePatchJson = Type.Object(
  {
    name: Type.Optional(Name),
    brand_id: Type.Optional(Nullable(Id)),
    enabled: Type.Optional(Type.Boolean()),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
    conditions: Type.Optional(RuleConditionsJson),
    actions: Type.Optional(Type.Array(RuleActionJson, { minItems: 1, maxItems: 20 })),
  },
  { additionalProperties: false },
);

/** A rule not saved yet, for its dry run. */
export const RuleDraft = Type.Object(
  { kind: RuleKindT, brand_id: Type.Optional(Nullable(Id)), conditions: RuleConditionsJson, actions: Type.Array(RuleActionJson, { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false },
);

export const RuleDryRunJson = Type.Object({
  /** How many tickets were looked at. */
  checked: Type.Integer(),
  matches: Type.Array(
    Type.Object({ ticket_id: Id, number: Type.Integer(), subject: Type.String(), status: Status, event: Nullable(Type.String()), at: Nullable(Time) }),
  ),
});
