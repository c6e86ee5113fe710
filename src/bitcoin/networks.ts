import { getAddressInfo } from 'bitcoin-address-validation';
import { AppError } from '../core/errors.js';
import { t, type Language } from '../i18n/index.js';

/** The Bitcoin networks a chain backend can serve. */
export type Network = 'mainnet' | 'testnet' | 'testnet4' | 'signet' | 'regtest';

export const NETWORKS: readonly Network[] = ['mainnet', 'testnet', 'testnet4', 'signet', 'regtest'];

/** Block 0 of each network: how an Esplora backend tells which chain it serves. All signets share one genesis. */
export const GENESIS_HASHES: Readonly<Record<Network, string>> = {
  mainnet: '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f',
  testnet: '000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943',
  testnet4: '00000000da84f2bafbbc53dee25a72ae507ff4914b867c565be350b0da8bf043',
  signet: '00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6',
  regtest: '0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206',
};

/** The network whose genesis block has this hash, or null for anything else (Liquid, an altcoin). */
export function networkFromGenesis(hash: string): Network | null {
  const h = hash.trim().toLowerCase();
  return NETWORKS.find((n) => GENESIS_HASHES[n] === h) ?? null;
}

/** Maps Bitcoin Core's `getblockchaininfo.chain` ("main", "test", "testnet4", "signet", "regtest"). */
export function networkFromCoreChain(chain: string): Network | null {
  const map: Record<string, Network> = {
    main: 'mainnet',
    test: 'testnet',
    testnet4: 'testnet4',
    signet: 'signet',
    regtest: 'regtest',
  };
  return map[chain] ?? null;
}

/** Parses a --network style name; accepts Core's chain names too. */
export function parseNetwork(name: string): Network {
  const n = name.trim().toLowerCase();
  if ((NETWORKS as readonly string[]).includes(n)) return n as Network;
  const core = networkFromCoreChain(n);
  if (core) return core;
  throw new AppError('invalid_input', `Unknown network "${name}". Use one of: ${NETWORKS.join(', ')}.`);
}

/** A human name for a network. */
export function networkName(network: Network, lang: Language = 'en'): string {
  return t(lang, `chain.network.${network}`);
}

const TXID_RE = /^[0-9a-fA-F]{64}$/;

/** True when `s` is 64 hex characters: the shape of a txid (a block hash has the same shape). */
export function isTxid(s: string): boolean {
  return TXID_RE.test(s);
}

/** A validated address: what its prefix says about the network, and its script type. */
export interface ParsedAddress {
  address: string;
  /** From the prefix: signet and testnet4 addresses read as "testnet"; base58 regtest addresses read as "testnet". */
  prefixNetwork: 'mainnet' | 'testnet' | 'regtest';
  type: 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr';
  bech32: boolean;
}

function tryAddress(s: string): ParsedAddress | null {
  try {
    const candidate = /^(bc|tb|bcrt)1/i.test(s) && s === s.toUpperCase() ? s.toLowerCase() : s;
    const info = getAddressInfo(candidate);
    const prefixNetwork = info.network === 'mainnet' ? 'mainnet' : info.network === 'regtest' ? 'regtest' : 'testnet';
    return { address: info.address, prefixNetwork, type: info.type, bech32: info.bech32 };
  } catch {
    return null;
  }
}

/**
 * Normalises a txid typed or pasted by a person (spaces, upper case) and throws invalid_input with a
 * message that says what was pasted instead when it is not a txid (an address, a lightning invoice, a cut-off id).
 */
export function parseTxid(input: string): string {
  const s = input.trim();
  if (isTxid(s)) return s.toLowerCase();
  if (tryAddress(s)) {
    throw new AppError(
      'invalid_input',
      'This is a Bitcoin address, not a transaction ID (txid). Look the address up instead (walletdesk tx address), or ask for the 64-character transaction ID.',
    );
  }
  if (/^(lightning:)?ln(bc|tb|tbs|bcrt)/i.test(s)) {
    throw new AppError(
      'invalid_input',
      'This is a Lightning invoice, not an on-chain transaction ID. Lightning payments do not appear on the blockchain.',
    );
  }
  if (/^[0-9a-fA-F]+$/.test(s)) {
    throw new AppError(
      'invalid_input',
      `A transaction ID has exactly 64 hexadecimal characters; this one has ${s.length}. It was probably cut off or has extra characters when copied.`,
    );
  }
  throw new AppError(
    'invalid_input',
    'This is not a transaction ID. A txid is 64 characters, only 0-9 and a-f (for example from the wallet\'s transaction details).',
  );
}

/** Validates an address (checksum included) and throws invalid_input with a plain message when it is not one. */
export function parseAddress(input: string): ParsedAddress {
  const s = input.trim();
  const parsed = tryAddress(s);
  if (parsed) return parsed;
  if (isTxid(s)) {
    throw new AppError('invalid_input', 'This is a transaction ID, not an address. Look it up with walletdesk tx status.');
  }
  throw new AppError(
    'invalid_input',
    'This is not a valid Bitcoin address: the format or the checksum is wrong. It may have been mistyped or cut off when copied.',
  );
}

/** Whether an address with this prefix can exist on the backend's network. */
export function addressFitsNetwork(address: ParsedAddress, network: Network): boolean {
  if (address.prefixNetwork === 'mainnet') return network === 'mainnet';
  if (address.prefixNetwork === 'regtest') return network === 'regtest';
  // tb1… serves testnet3, testnet4 and signet; base58 m/n/2 prefixes are shared with regtest as well.
  if (network === 'mainnet') return false;
  return network === 'regtest' ? !address.bech32 : true;
}

/** The invalid_input error for an address from another network, worded for an agent. */
export function networkMismatch(address: ParsedAddress, network: Network): AppError {
  const addressNet =
    address.prefixNetwork === 'mainnet' ? 'a mainnet' : address.prefixNetwork === 'regtest' ? 'a regtest' : 'a testnet/signet';
  return new AppError(
    'invalid_input',
    `The network doesn't match: this is ${addressNet} address, but the chain backend serves ${networkName(network)}. ` +
      'Check that the customer copied the right address, or point walletdesk at a backend for that network.',
    { addressNetwork: address.prefixNetwork, backendNetwork: network },
  );
}
