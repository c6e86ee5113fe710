/** Table types of identity verification (migration 20261208T0700-identity). */

export interface StepUpTable {
  id: string;
  ticket_id: string;
  customer_id: string;
  brand_id: string;
  method: string;
  level: string;
  status: string;
  target: string | null;
  code_hash: string | null;
  token_hash: string | null;
  challenge: string | null;
  attempts: number;
  max_attempts: number;
  result: string | null;
  requested_by: string | null;
  created_at: string;
  expires_at: string;
  completed_at: string | null;
}

export interface IdentityTables {
  step_up: StepUpTable;
}
