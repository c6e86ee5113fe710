import { getAddressInfo } from 'bitcoin-address-validation';
import { bech32 } from '@scure/base';

/** A checksum-valid Bitcoin address found in text. Signet shares testnet's prefixes, so it reports as testnet. */
export interface FoundAddress {
  address: string;
  network: 'mainnet' | 'testnet' | 'regtest' | 'signet';
  type: 'p2pkh' | 'p2sh' | 'p2wpkh' | 'p2wsh' | 'p2tr';
}

/** Everything Bitcoin-shaped in a text: what an agent would otherwise copy into a block explorer by hand. */
export interface BitcoinRefs {
  /** Lower-case 64-hex strings. A txid and a block hash look alike; the chain backend tells them apart. */
  txids: string[];
  addresses: FoundAddress[];
  /** BOLT 11 invoices with a valid bech32 checksum, lower-cased. */
  invoices: string[];
}

const TXID = /(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])/g;
const BASE58_ADDRESS = /(?<![1-9A-HJ-NP-Za-km-z])[123mn][1-9A-HJ-NP-Za-km-z]{25,34}(?![1-9A-HJ-NP-Za-km-z])/g;
const BECH32_ADDRESS = /(?<![0-9a-z])(?:bc|tb|bcrt)1[02-9ac-hj-np-z]{8,87}(?![0-9a-z])/gi;
const INVOICE = /(?<![0-9a-z])ln(?:bc|tb|tbs|bcrt)[0-9]*[munp]?1[02-9ac-hj-np-z]{50,}(?![0-9a-z])/gi;

function addressInfo(candidate: string): FoundAddress | null {
  try {
    const info = getAddressInfo(candidate);
    return { address: info.address, network: info.network, type: info.type };
  } catch {
    return null;
  }
}

function isValidInvoice(candidate: string): boolean {
  try {
    bech32.decode(candidate.toLowerCase() as `${string}1${string}`, false);
    return true;
  } catch {
    return false;
  }
}

/** Finds txids, checksum-valid addresses (all types, all networks) and lightning invoices, each once, in order. */
export function extractBitcoinRefs(text: string): BitcoinRefs {
  const txids = new Set<string>();
  for (const m of text.matchAll(TXID)) txids.add(m[0].toLowerCase());

  const found: Array<{ at: number; address: FoundAddress }> = [];
  for (const m of text.matchAll(BASE58_ADDRESS)) {
    const info = addressInfo(m[0]);
    if (info) found.push({ at: m.index, address: info });
  }
  for (const m of text.matchAll(BECH32_ADDRESS)) {
    // Bech32 is valid in one case only; an all-upper address (from QR codes) is normalised to lower case.
    const candidate = m[0] === m[0].toUpperCase() ? m[0].toLowerCase() : m[0];
    const info = addressInfo(candidate);
    if (info) found.push({ at: m.index, address: info });
  }
  // Two passes found them; report them in the order the text mentions them.
  const addresses = new Map<string, FoundAddress>();
  for (const f of found.sort((a, b) => a.at - b.at)) if (!addresses.has(f.address.address)) addresses.set(f.address.address, f.address);

  const invoices = new Set<string>();
  for (const m of text.matchAll(INVOICE)) {
    if (isValidInvoice(m[0])) invoices.add(m[0].toLowerCase());
  }
  return { txids: [...txids], addresses: [...addresses.values()], invoices: [...invoices] };
}
