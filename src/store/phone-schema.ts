/** Table types of the phone hotline (migrations 20261125T1300-phone, 20261210T0100-click-to-call). */

export interface CallTable {
  id: string;
  call_sid: string;
  brand_id: string;
  from_raw: string;
  caller_phone: string | null;
  to_number: string;
  language: string | null;
  state: string;
  menu_choice: string | null;
  emergency: number;
  spoofed: number;
  ticket_id: string | null;
  queue_sid: string | null;
  enqueued_at: string | null;
  wait_seconds: number | null;
  agent_id: string | null;
  answered_at: string | null;
  talk_seconds: number | null;
  recording_url: string | null;
  outcome: string | null;
  meta: string;
  created_at: string;
  updated_at: string;
  ended_at: string | null;
  /** 'inbound' (a caller rang the line) or 'outbound' (the desk placed a callback). */
  direction: string;
  callback_id: string | null;
}

export interface CallStepTable {
  call_id: string;
  key: string;
  data: string;
  at: string;
}

export interface CallCallbackTable {
  id: string;
  call_id: string;
  brand_id: string;
  ticket_id: string | null;
  phone: string;
  language: string | null;
  status: string;
  requested_at: string;
  done_at: string | null;
  done_by: string | null;
  placing_call_id: string | null;
  placement_status: string | null;
  placement_at: string | null;
}

/** An agent's own number, rung first when they place a callback. */
export interface AgentPhoneTable {
  agent_id: string;
  phone: string;
  updated_at: string;
}

export interface PhoneTables {
  call: CallTable;
  call_step: CallStepTable;
  call_callback: CallCallbackTable;
  agent_phone: AgentPhoneTable;
}
