/**
 * The secret shield: finds and removes recovery phrases and private keys from inbound text, blocks outbound
 * text that asks a customer for them, and writes the reply a customer gets when one was removed.
 * Pure functions over strings; see docs/shield.md for the signals, thresholds and measured quality.
 */
export type { SecretKind, SecretFinding } from './types.js';
export { SECRET_KINDS, REDACTION_MARKERS, REDACTION_MARKERS_ZH, localiseMarkers } from './types.js';
export { findSecrets, findSecretsAcross, redactSecrets } from './detect.js';
export type { OutboundVerdict, OutboundRuleId } from './outbound.js';
export { checkOutbound, OUTBOUND_RULES } from './outbound.js';
export type { ReplyLanguage } from './reply.js';
export { secretExposedReply } from './reply.js';
