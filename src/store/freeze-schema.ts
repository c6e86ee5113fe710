/** Table types of the emergency freeze and the customer's record (migration 20261208T0800-freeze). */

export interface BrandFreezeSettingsTable {
  brand_id: string;
  custodial: number;
  account_webhook_url: string | null;
  account_webhook_secret: string | null;
  min_hold_minutes: number;
  cooling_off_hours: number | null;
  updated_at: string;
}

export interface AccountFreezeTable {
  id: string;
  brand_id: string;
  ticket_id: string;
  customer_id: string;
  account_ref: string;
  state: string;
  source: string;
  reason: string;
  frozen_by: string;
  frozen_at: string;
  hold_until: string;
  unfreeze_requested_by: string | null;
  unfrozen_by: string | null;
  unfrozen_at: string | null;
  effective_at: string | null;
  webhook_attempts: number;
  updated_at: string;
}

export interface FreezeLinkTable {
  token_hash: string;
  brand_id: string;
  ticket_id: string;
  customer_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  token_sealed: string;
}

export interface RecordKeyTable {
  id: string;
  public_key: string;
  private_key_sealed: string;
  created_at: string;
}

export interface FreezeTables {
  brand_freeze_settings: BrandFreezeSettingsTable;
  account_freeze: AccountFreezeTable;
  freeze_link: FreezeLinkTable;
  record_key: RecordKeyTable;
}
