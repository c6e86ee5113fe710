/**
 * The bitcoin capability: reference extraction, chain backends (Esplora REST, Bitcoin Core JSON-RPC) with a
 * cache that coalesces identical lookups, stuck-transaction diagnosis and plain-language advice.
 * Other folders import from here, not from the files behind it.
 */
export { extractBitcoinRefs, type BitcoinRefs, type FoundAddress } from './extract.js';
export type {
  AddressSummary,
  AddressTx,
  ChainBackend,
  ChainTx,
  FeeEstimate,
  FeeEstimates,
  MempoolEntry,
  NodePolicy,
  Outspend,
  TxLookup,
} from './backend.js';
export { createEsploraBackend, type EsploraOptions } from './esplora.js';
export { createBitcoinRpcBackend, type BitcoinRpcOptions } from './bitcoin-rpc.js';
export { withCacheAndCoalescing, type CacheOptions, type CacheStats, type CachedChainBackend } from './cache.js';
export {
  diagnoseTx,
  lookupAddress,
  txStatusJson,
  MEMPOOL_EXPIRY_SECONDS,
  type AddressLookup,
  type CpfpPlan,
  type DiagnosisNote,
  type NotFoundReason,
  type RbfPlan,
  type RelatedTx,
  type TxDiagnosis,
  type TxStatusJson,
} from './diagnose.js';
export { ADVICE_CODES, adviceText, type AdviceCode, type Audience, type Lang } from './advice.js';
export { explainDiagnosis, summarizeForAgent, formatBtc, formatDuration } from './explain.js';
export {
  isTxid,
  parseTxid,
  parseAddress,
  parseNetwork,
  networkName,
  GENESIS_HASHES,
  NETWORKS,
  type Network,
  type ParsedAddress,
} from './networks.js';
