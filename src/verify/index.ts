/**
 * Official channels (issue 8): the registry of a provider's real channels, the checker that tells official from
 * lookalike, the finder of channel references in messages, and the signed manifest. Pure: imports only core/.
 */
export {
  parseRegistry,
  exportRegistry,
  normaliseDomain,
  normaliseEmail,
  normalisePhone,
  type RegistryDoc,
  type RegistryBrand,
  type RegistryHandle,
  type RegistryAppId,
  type Platform,
} from './registry.js';
export { PLATFORMS, PLATFORM_NAMES } from './social.js';
export { compileRegistry, type CompiledRegistry } from './compile.js';
export { checkChannel, type ChannelVerdict, type Verdict, type ChannelKind } from './check.js';
export type { Reason } from './reasons.js';
export { findChannelRefs, type ChannelRef, type ChannelRefKind } from './refs.js';
export {
  signManifest,
  verifyManifest,
  canonicalJson,
  generateManifestKey,
  publicKeyOf,
  keyFingerprint,
  type SignedManifest,
  type ManifestCheck,
} from './manifest.js';
