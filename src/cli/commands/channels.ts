/**
 * `walletdesk channels`: the signed manifest of official channels. `verify` checks a manifest from a URL or a
 * file (exit 0 valid, 1 bad signature, 2 unreadable input, 3 URL unreachable); `sign` and `keygen` are for
 * operators and tests.
 */
import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';

const MAX_BYTES = 5 * 1024 * 1024;

async function fetchManifest(url: string, timeoutMs: number): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const why = e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    throw new AppError('unavailable', `cannot reach ${url} (${why})`);
  }
  if (!res.ok) throw new AppError('unavailable', `${url} answered HTTP ${res.status}`);
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > MAX_BYTES) throw new AppError('invalid_input', `the manifest at ${url} is larger than 5 MiB`);
  let body: ArrayBuffer;
  try {
    body = await res.arrayBuffer();
  } catch {
    throw new AppError('unavailable', `the connection to ${url} broke while reading`);
  }
  if (body.byteLength > MAX_BYTES) throw new AppError('invalid_input', `the manifest at ${url} is larger than 5 MiB`);
  return Buffer.from(body).toString('utf8');
}

async function readSource(source: string, timeoutMs: number): Promise<string> {
  if (/^https?:\/\//i.test(source)) return fetchManifest(source, timeoutMs);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) throw new AppError('invalid_input', `only http and https URLs can be fetched: ${source}`);
  const { readFile, stat } = await import('node:fs/promises');
  try {
    if (source === '-') {
      const { readAll } = await import('../read-lines.js');
      return await readAll(process.stdin);
    }
    if ((await stat(source)).size > MAX_BYTES) throw new AppError('invalid_input', `${source} is larger than 5 MiB`);
    return await readFile(source, 'utf8');
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('invalid_input', `cannot read ${source}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

async function readText(file: string, what: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw new AppError('invalid_input', `cannot read the ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

export function register(program: Command): void {
  const channels = program.command('channels').description('signed manifest of the official channels');

  channels
    .command('verify')
    .description('check the signature of a channel manifest (exit 0 valid, 1 bad signature, 2 unreadable, 3 unreachable)')
    .argument('<url-or-file>', 'https URL (e.g. https://example.com/.well-known/walletdesk-channels.json), file, or - for stdin')
    .option('--key <base64>', 'require this public key (base64 of the raw 32 bytes, as published on /verify)')
    .option('--timeout <ms>', 'network timeout in milliseconds', '10000')
    .option('--json', 'print the result as JSON')
    .action(async (source: string, opts: { key?: string; timeout: string; json?: boolean }) => {
      const timeout = Number(opts.timeout);
      if (!Number.isInteger(timeout) || timeout <= 0) throw new AppError('invalid_input', '--timeout must be a positive number of milliseconds');
      const text = await readSource(source, timeout);
      let manifest: unknown;
      try {
        manifest = JSON.parse(text);
      } catch {
        throw new AppError('invalid_input', `${source} is not JSON`);
      }
      const { verifyManifest } = await import('../../verify/index.js');
      const result = verifyManifest(manifest, opts.key);
      if (result.problem === 'malformed') throw new AppError('invalid_input', result.reason);
      if (opts.json) {
        const { brands, ...rest } = result;
        process.stdout.write(`${JSON.stringify({ ...rest, brands: brands?.map((b) => b.id) })}\n`);
      } else {
        process.stdout.write(`${result.valid ? 'valid' : 'INVALID'}: ${result.reason}\n`);
        if (result.valid) for (const b of result.brands ?? []) process.stdout.write(`  ${b.id}\t${b.name}\n`);
      }
      process.exitCode = result.valid ? 0 : 1;
    });

  channels
    .command('sign')
    .description('sign a registry file into a channel manifest')
    .requiredOption('--registry <file>', 'registry JSON file')
    .requiredOption('--key <keyfile>', 'Ed25519 private key, PKCS#8 PEM (see channels keygen)')
    .option('--brand <id>', 'sign only this brand')
    .option('--issued-at <iso>', 'time to put in issued_at (default: now)')
    .option('--out <file>', 'write the manifest here instead of stdout')
    .action(async (opts: { registry: string; key: string; brand?: string; issuedAt?: string; out?: string }) => {
      const { loadRegistryFile } = await import('./check-channel.js');
      const { signManifest } = await import('../../verify/index.js');
      const { doc } = await loadRegistryFile(opts.registry);
      const brands = opts.brand ? doc.brands.filter((b) => b.id === opts.brand) : doc.brands;
      if (brands.length === 0) throw new AppError('invalid_input', `no brand "${opts.brand}" in ${opts.registry}`);
      const issuedAt = opts.issuedAt ? new Date(opts.issuedAt) : new Date();
      const manifest = signManifest({ brands }, await readText(opts.key, 'key file'), issuedAt);
      const text = `${JSON.stringify(manifest, null, 2)}\n`;
      if (opts.out) {
        const { writeFile } = await import('node:fs/promises');
        await writeFile(opts.out, text);
      } else {
        process.stdout.write(text);
      }
    });

  channels
    .command('keygen')
    .description('make a new Ed25519 signing key (PKCS#8 PEM, written with mode 600) and print its public key')
    .requiredOption('--out <keyfile>', 'where to write the private key (must not exist)')
    .action(async (opts: { out: string }) => {
      const { writeFile } = await import('node:fs/promises');
      const { generateManifestKey, keyFingerprint } = await import('../../verify/index.js');
      const key = generateManifestKey();
      try {
        await writeFile(opts.out, key.privateKeyPem, { mode: 0o600, flag: 'wx' });
      } catch (err) {
        throw new AppError('invalid_input', `cannot write ${opts.out}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      process.stdout.write(`public_key: ${key.publicKey}\nfingerprint: ${keyFingerprint(key.publicKey)}\n`);
    });
}
