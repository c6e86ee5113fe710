/** Table types of SLA policies and clocks (migration 20261208T0300-sla). */

export interface SlaPolicyTable {
  id: string;
  brand_id: string | null;
  name: string;
  position: number;
  enabled: number;
  conditions: string;
  targets: string;
  paused_by: string;
  escalation: string;
  created_at: string;
  updated_at: string;
}

export interface SlaClockTable {
  ticket_id: string;
  metric: string;
  policy_id: string;
  state: string;
  due_at: string | null;
  started_at: string;
  fulfilled_at: string | null;
  breached_at: string | null;
  warn_at: string | null;
  warned_at: string | null;
  running: number;
  updated_at: string;
}

export interface SlaTables {
  sla_policy: SlaPolicyTable;
  sla_clock: SlaClockTable;
}
