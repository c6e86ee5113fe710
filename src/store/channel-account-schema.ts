/** Table types of channel accounts (migration 20261207T1820-channel-account). */

export interface ChannelAccountTable {
  id: string;
  brand_id: string;
  kind: string;
  name: string;
  settings: string;
  secrets: string | null;
  unique_key: string | null;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface ChannelAccountTables {
  channel_account: ChannelAccountTable;
}
