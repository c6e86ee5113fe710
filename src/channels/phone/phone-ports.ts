/**
 * What the phone hotline needs from the store and from the voice provider. The store implements CallRepo
 * (store/repos/call-repo.ts); channels/phone implements VoiceControl over Twilio's REST API.
 */
import type { UiLanguage } from '../../core/people.js';
import type { CallOutcome, CallState, MenuChoice, PlacementStatus } from '../../core/phone.js';

// The closed sets live in core/ so the API contract (src/contract) can name them too.
export { CALL_OUTCOMES, CALL_STATES, MENU_CHOICES, type CallOutcome, type CallState, type MenuChoice } from '../../core/phone.js';

export interface CallRecord {
  id: string;
  /** The provider's id of the call: the idempotency key of every webhook about it. */
  callSid: string;
  brandId: string;
  /** The From parameter as the provider sent it (may be "anonymous", "client:…"). */
  fromRaw: string;
  /** The caller's number in E.164, when From was a readable number. */
  callerPhone: string | null;
  to: string;
  language: UiLanguage | null;
  state: CallState;
  menuChoice: MenuChoice | null;
  emergency: boolean;
  /** From claims to be one of the provider's own numbers. */
  spoofed: boolean;
  ticketId: string | null;
  queueSid: string | null;
  enqueuedAt: string | null;
  waitSeconds: number | null;
  agentId: string | null;
  answeredAt: string | null;
  talkSeconds: number | null;
  recordingUrl: string | null;
  outcome: CallOutcome | null;
  /** Provider details worth keeping (STIR/SHAKEN verdict, forwarded-from); never secrets. */
  meta: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
  /** 'inbound': a caller rang the line; 'outbound': the desk placed a callback (click-to-call). */
  direction: CallDirection;
  /** The callback request an outbound call was placed for. */
  callbackId: string | null;
}

export type CallDirection = 'inbound' | 'outbound';

export type CallPatch = Partial<
  Pick<
    CallRecord,
    | 'callSid'
    | 'language'
    | 'state'
    | 'menuChoice'
    | 'emergency'
    | 'ticketId'
    | 'queueSid'
    | 'enqueuedAt'
    | 'waitSeconds'
    | 'agentId'
    | 'answeredAt'
    | 'talkSeconds'
    | 'recordingUrl'
    | 'outcome'
    | 'endedAt'
  >
>;

/** One handled webhook step of a call: its key makes a retried webhook a no-op that replays the same answer. */
export interface CallStep {
  callId: string;
  /** e.g. "language", "menu:2", "queue_exit", "dial:DC…", "end". */
  key: string;
  /** The decision taken, enough to render the same TwiML again. */
  data: Record<string, unknown>;
  at: string;
}

export interface CallbackRequest {
  id: string;
  callId: string;
  brandId: string;
  ticketId: string | null;
  /** E.164 number to call back: the one the caller called from, confirmed on the keypad. */
  phone: string;
  language: UiLanguage | null;
  status: 'open' | 'done';
  requestedAt: string;
  doneAt: string | null;
  doneBy: string | null;
  /** The outbound call of a placement in flight (click-to-call), null when none is. */
  placingCallId: string | null;
  /** The last placement's status and when it was reached; null before the desk placed it. */
  placementStatus: PlacementStatus | null;
  placementAt: string | null;
}

export { PLACEMENT_STATUSES, type PlacementStatus } from '../../core/phone.js';

export interface CallRepo {
  /** Inserts the call; returns false (and changes nothing) when a call with this CallSid exists. */
  insert(call: CallRecord): Promise<boolean>;
  get(id: string): Promise<CallRecord | null>;
  getBySid(callSid: string): Promise<CallRecord | null>;
  update(id: string, patch: CallPatch, at: string): Promise<void>;
  /** Moves a call from one state to another only if it is still in `from`; false when it was not. */
  transition(id: string, from: CallState, patch: CallPatch & { state: CallState }, at: string): Promise<boolean>;
  /** Records a step once; false when the step was recorded before (a retried webhook). */
  addStep(step: CallStep): Promise<boolean>;
  getStep(callId: string, key: string): Promise<CallStep | null>;
  listSteps(callId: string): Promise<CallStep[]>;
  /** Waiting calls, emergencies first, then by time enqueued. */
  listQueued(brandIds: readonly string[] | null): Promise<CallRecord[]>;
  /** Talk times of the brand's most recently answered calls, newest first. */
  recentTalkSeconds(brandId: string, limit: number): Promise<number[]>;
  addCallback(request: CallbackRequest): Promise<boolean>;
  getCallback(id: string): Promise<CallbackRequest | null>;
  getCallbackForCall(callId: string): Promise<CallbackRequest | null>;
  listCallbacks(filter: { brandIds: readonly string[] | null; status?: CallbackRequest['status']; ticketId?: string }, limit: number): Promise<CallbackRequest[]>;
  completeCallback(id: string, agentId: string, at: string): Promise<boolean>;
  /** Opens a done callback request again (an agent asks for another callback); false when it was open. */
  reopenCallback(id: string, at: string): Promise<boolean>;
  /** The call log: calls newest first, before `before` (created_at, id) when given. */
  listRecent(filter: { brandIds: readonly string[] | null }, limit: number, before?: { at: string; id: string } | null): Promise<CallRecord[]>;
  /** The ticket's most recent incoming call that has a caller number. */
  latestWithNumberForTicket(ticketId: string): Promise<CallRecord | null>;
  /**
   * Claims an open callback for a new placement (its outbound call `callId`), atomically: false when the callback
   * is not open or another placement is in flight. A placement counts as gone when its status was last set before
   * `stale.ringing` while still queued or ringing, or before `stale.any` whatever its status (a provider that never
   * reported back).
   */
  claimPlacement(callbackId: string, callId: string, at: string, stale: { ringing: string; any: string }): Promise<boolean>;
  /** Sets the placement's status while `callId` is the one in flight; `release` ends the claim. False otherwise. */
  setPlacementStatus(callbackId: string, callId: string, status: PlacementStatus, at: string, release: boolean): Promise<boolean>;
  /** The agent's own number for click-to-call (E.164), null when they have none. */
  getAgentPhone(agentId: string): Promise<string | null>;
  setAgentPhone(agentId: string, phone: string | null, at: string): Promise<void>;
}

/** What the provider said when it refused to place a call (its JSON error body). */
export interface ProviderRefusal {
  httpStatus: number;
  code: number | null;
  message: string | null;
  moreInfo: string | null;
}

/** A call for the provider to place: it rings `to` from `from`, then fetches `url` for what to do when answered. */
export interface OutboundCallRequest {
  from: string;
  to: string;
  /** The TwiML URL fetched when `to` answers. */
  url: string;
  /** Receives initiated, ringing, answered and completed. */
  statusCallback: string;
  /** Seconds to let `to` ring. */
  timeout: number;
}

/** The provider's REST side: what the desk asks of a live call. Throws to report failure. */
export interface VoiceControl {
  /** Takes a waiting caller out of the provider's queue and connects them to this agent. */
  connectToAgent(input: { callSid: string; queueSid: string | null; callId: string; agentId: string }): Promise<void>;
  /** Whether any credentials exist to take calls with (absent: always); false hides "take" in the console. */
  ready?(): Promise<boolean>;
  /** The install's settings (environment variable names) that are missing for its own credentials; empty when set. */
  missingSettings?(): string[];
  /**
   * Places an outbound call through the provider (click-to-call), with the credentials of the `from` line. Resolves
   * with the provider's call id and status, or `{refused}` when the provider answered with an error; throws
   * AppError unavailable when no credentials serve the line or the provider cannot be reached.
   */
  placeCall?(request: OutboundCallRequest): Promise<{ sid: string; status: string } | { refused: ProviderRefusal }>;
}

/** The future account-freeze capability registers here; it is told of every emergency call once its ticket exists. */
export type EmergencyHook = (emergency: { brandId: string; callId: string; ticketId: string; customerId: string; callerPhone: string | null }) => Promise<{ freezeOffered: boolean; /** The freeze link can also be texted ("press 3"). */ smsOffered?: boolean } | void>;
