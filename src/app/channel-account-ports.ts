/** The storage port of channel accounts (table channel_account). */

/** One set-up of a channel for a brand: a mailbox, a phone number, a bot. */
export interface ChannelAccount {
  id: string;
  brandId: string;
  /** The channel module's kind ('email', 'phone', 'chat', 'help_center', 'telegram', …). */
  kind: string;
  name: string;
  /** Checked against the channel's settings schema on every write. */
  settings: Record<string, unknown>;
  /** The secret fields as one sealed JSON object (deps.secrets); null when none is set. Never leaves the server. */
  sealedSecrets: string | null;
  /** What makes two accounts of one kind the same (a mailbox, a number), unique per kind; null when the kind has none. */
  uniqueKey: string | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ChannelAccountFilter {
  /** Only these brands; null or absent: every brand. */
  brandIds?: readonly string[] | null;
  kind?: string;
  enabled?: boolean;
}

export interface ChannelAccountRepo {
  /** Throws conflict when the brand already has an account of this kind and name, or the kind this unique key. */
  insert(account: ChannelAccount): Promise<void>;
  /** Same conflicts as insert. */
  update(account: ChannelAccount): Promise<void>;
  get(id: string): Promise<ChannelAccount | null>;
  /** Oldest first. */
  list(filter?: ChannelAccountFilter): Promise<ChannelAccount[]>;
}
