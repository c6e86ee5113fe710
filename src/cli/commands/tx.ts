/**
 * `walletdesk tx status TXID` and `walletdesk tx address ADDR`: look a transaction or an address up on an
 * Esplora or Bitcoin Core backend. Exit codes: 2 for a bad txid/address or options, 3 when the backend is
 * unreachable or on the wrong network.
 */
import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import { LANGUAGES, type UiLanguage } from '../../core/people.js';

interface BackendFlags {
  esplora?: string;
  bitcoinRpc?: string;
  rpcCookie?: string;
  rpcUser?: string;
  rpcPassword?: string;
  network?: string;
  timeout: string;
  json?: boolean;
  lang: string;
}

function withBackendOptions(cmd: Command): Command {
  return cmd
    .option('--esplora <url>', 'Esplora REST API base URL, e.g. https://mempool.space/api')
    .option('--bitcoin-rpc <url>', 'Bitcoin Core JSON-RPC URL, e.g. http://127.0.0.1:8332')
    .option('--rpc-cookie <file>', "Bitcoin Core's .cookie file (preferred over a password)")
    .option('--rpc-user <user>', 'Bitcoin Core rpcuser')
    .option('--rpc-password <password>', 'Bitcoin Core rpcpassword')
    .option('--network <name>', 'refuse a backend on another network: mainnet, testnet, testnet4, signet, regtest')
    .option('--timeout <ms>', 'timeout per backend request, in milliseconds', '5000')
    .option('--json', 'print one JSON object')
    .option('--lang <lang>', 'language of the readable summary: en or zh-CN', 'en');
}

function parseLang(lang: string): UiLanguage {
  const known = LANGUAGES.find((l) => l === lang);
  if (known) return known;
  throw new AppError('invalid_input', `--lang must be en or zh-CN, not "${lang}".`);
}

async function buildBackend(flags: BackendFlags) {
  const bitcoin = await import('../../bitcoin/index.js');
  const timeoutMs = Number(flags.timeout);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new AppError('invalid_input', `--timeout must be a positive number of milliseconds, not "${flags.timeout}".`);
  }
  const network = flags.network ? bitcoin.parseNetwork(flags.network) : undefined;
  if (flags.esplora && flags.bitcoinRpc) {
    throw new AppError('invalid_input', 'Choose one backend: --esplora URL or --bitcoin-rpc URL, not both.');
  }
  if (flags.esplora) return bitcoin.createEsploraBackend({ url: flags.esplora, timeoutMs, network });
  if (flags.bitcoinRpc) {
    if (flags.rpcCookie && (flags.rpcUser || flags.rpcPassword)) {
      throw new AppError('invalid_input', 'Give either --rpc-cookie or --rpc-user/--rpc-password, not both.');
    }
    return bitcoin.createBitcoinRpcBackend({
      url: flags.bitcoinRpc,
      cookieFile: flags.rpcCookie,
      user: flags.rpcUser,
      password: flags.rpcPassword,
      timeoutMs,
      network,
    });
  }
  throw new AppError('invalid_input', 'Choose a chain backend: --esplora URL or --bitcoin-rpc URL.');
}

/** Registers `tx status` and `tx address`. */
export function register(program: Command): void {
  const tx = program.command('tx').description('Bitcoin transaction desk: transaction status and address lookups');

  withBackendOptions(
    tx
      .command('status')
      .description('Diagnose a transaction: found, confirmations, fee rate vs. estimates, RBF/CPFP, advice')
      .argument('<txid>', 'transaction ID (64 hex characters)'),
  ).action(async (txidArg: string, flags: BackendFlags) => {
    const bitcoin = await import('../../bitcoin/index.js');
    const { t: text } = await import('../../i18n/index.js');
    const txid = bitcoin.parseTxid(txidArg);
    const lang = parseLang(flags.lang);
    const backend = await buildBackend(flags);
    const d = await bitcoin.diagnoseTx(backend, txid, new Date());
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(bitcoin.txStatusJson(d))}\n`);
      return;
    }
    const out = [...bitcoin.summarizeForAgent(d, lang), ''];
    if (d.advice.length > 0) {
      out.push(text(lang, 'cli.tx.advice_heading'));
      d.advice.forEach((code, i) => out.push(`  ${i + 1}. [${code}] ${bitcoin.adviceText(code, 'agent', lang)}`));
      out.push('');
    }
    out.push(text(lang, 'cli.tx.user_heading'), `  ${bitcoin.explainDiagnosis(d, lang)}`);
    process.stdout.write(`${out.join('\n')}\n`);
  });

  withBackendOptions(
    tx
      .command('address')
      .description('Look an address up: balance (confirmed/unconfirmed), transaction count, recent transactions')
      .argument('<address>', 'Bitcoin address (any type, any network)')
      .option('--limit <n>', 'recent transactions to show', '10'),
  ).action(async (addressArg: string, flags: BackendFlags & { limit: string }) => {
    const bitcoin = await import('../../bitcoin/index.js');
    const { t: text } = await import('../../i18n/index.js');
    const parsed = bitcoin.parseAddress(addressArg);
    const lang = parseLang(flags.lang);
    const limit = Number(flags.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new AppError('invalid_input', `--limit must be a whole number, not "${flags.limit}".`);
    const backend = await buildBackend(flags);
    const a = await bitcoin.lookupAddress(backend, parsed.address, limit);
    if (flags.json) {
      process.stdout.write(
        `${JSON.stringify({
          address: a.address,
          network: a.network,
          type: a.type,
          balance: a.balance,
          total_received: a.totalReceived,
          tx_count: a.txCount,
          unconfirmed_tx_count: a.unconfirmedTxCount,
          recent: a.recent.map((t) => ({
            txid: t.txid,
            confirmed: t.confirmed,
            block_height: t.blockHeight,
            fee: t.fee,
            delta: t.delta,
          })),
        })}\n`,
      );
      return;
    }
    const out = [
      `${a.address} · ${a.type} · ${bitcoin.networkName(a.network, lang)}`,
      text(lang, 'cli.address.balance', { confirmed: bitcoin.formatBtc(a.balance.confirmed), unconfirmed: bitcoin.formatBtc(a.balance.unconfirmed) }),
      text(lang, 'cli.address.transactions', { count: a.txCount, unconfirmed: a.unconfirmedTxCount, received: bitcoin.formatBtc(a.totalReceived) }),
    ];
    for (const t of a.recent) {
      const where = t.confirmed ? text(lang, 'cli.address.in_block', { block: String(t.blockHeight) }) : text(lang, 'cli.address.unconfirmed');
      out.push(`  ${t.txid}  ${t.delta >= 0 ? '+' : ''}${bitcoin.formatBtc(t.delta)}  ${where}`);
    }
    process.stdout.write(`${out.join('\n')}\n`);
  });
}
