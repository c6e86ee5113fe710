/** Table types of the API's idempotency keys (migration 20261207T1740-idempotency). */

export interface IdempotencyKeyTable {
  scope: string;
  endpoint: string;
  key: string;
  fingerprint: string;
  status_code: number | null;
  response: string | null;
  created_at: string;
}

export interface IdempotencyTables {
  idempotency_key: IdempotencyKeyTable;
}
