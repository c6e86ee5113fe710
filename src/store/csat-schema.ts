/** Table types of satisfaction surveys (migration 20261208T0400-csat). */

export interface CsatSurveyTable {
  id: string;
  ticket_id: string;
  brand_id: string;
  customer_id: string;
  channel: string;
  solve_event_id: string;
  state: string;
  due_at: string;
  requested_at: string | null;
  expires_at: string | null;
  rating: string | null;
  reason: string | null;
  comment: string | null;
  rated_at: string | null;
  created_at: string;
}

export interface CsatTables {
  csat_survey: CsatSurveyTable;
}
