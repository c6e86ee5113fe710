import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { allPositives } from '../../../test/corpus/shield/positives.js';
import { handWritten } from '../../../test/corpus/shield/negatives.js';

const BIN = fileURLToPath(new URL('../../../bin/walletdesk.js', import.meta.url));
const run = (args: string[], input: string | Buffer): { stdout: Buffer; stderr: string; status: number | null } => {
  const r = spawnSync(process.execPath, [BIN, 'redact', ...args], { input, maxBuffer: 64 * 2 ** 20 });
  return { stdout: r.stdout, stderr: r.stderr.toString('utf8'), status: r.status };
};
const PHRASE = 'legal winner thank year wave sausage worth useful legal winner thank yellow';

test('redact writes the text from stdin with the phrase replaced by its marker', () => {
  const r = run([], `Hi,\r\n${PHRASE}\r\nis this right?`);
  assert.equal(r.status, 0);
  assert.equal(r.stdout.toString('utf8'), 'Hi,\r\n[recovery phrase removed]\r\nis this right?');
});

test('redact gives back input without secrets byte for byte, even bytes that are not UTF-8', () => {
  const input = Buffer.concat([Buffer.from('txid 4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b\r\n我的交易卡住了'), Buffer.from([0xff, 0xfe, 0x0a])]);
  const r = run([], input);
  assert.equal(r.status, 0);
  assert.ok(r.stdout.equals(input));
});

test('redact --jsonl answers each line with the same id, the redacted text and the findings', () => {
  const lines = [
    { id: 7, text: `seed: ${PHRASE}` },
    { id: 'abc', text: 'nothing secret here' },
    { id: { ticket: 3 }, text: '私钥：0c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d' },
  ];
  const r = run(['--jsonl'], lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(out, [
    { id: 7, text: 'seed: [recovery phrase removed]', findings: [{ kind: 'mnemonic', start: 6, end: 6 + PHRASE.length }] },
    { id: 'abc', text: 'nothing secret here', findings: [] },
    { id: { ticket: 3 }, text: '私钥：[private key (hex) removed]', findings: [{ kind: 'hex_key', start: 3, end: 67 }] },
  ]);
});

test('redact --jsonl names malformed lines on stderr, skips them, goes on, and exits with 2', () => {
  const input = ['{"id":1,"text":"ok"}', 'not json', '[1,2]', '{"id":4,"text":5}', '{"id":5,"text":"fine"}'].join('\n');
  const r = run(['--jsonl'], input);
  assert.equal(r.status, 2);
  assert.deepEqual(
    r.stdout.toString('utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: number }).id),
    [1, 5],
  );
  assert.match(r.stderr, /line 2: not valid JSON/);
  assert.match(r.stderr, /line 3: expected a JSON object/);
  assert.match(r.stderr, /line 4: "text" must be a string/);
  assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/); // no stack trace
});

test('redact --jsonl over a slice of the corpus finds every secret and flags no support message', () => {
  const positives = allPositives().filter((_, i) => i % 10 === 0);
  const negatives = Object.values(handWritten()).flat();
  const input = [...positives.map((c, i) => ({ id: `p${i}`, text: c.text })), ...negatives.map((text, i) => ({ id: `n${i}`, text }))];
  const r = run(['--jsonl'], input.map((l) => JSON.stringify(l)).join('\n'));
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; text: string; findings: Array<{ start: number; end: number }> });
  assert.equal(out.length, input.length);
  out.forEach((o, i) => {
    assert.equal(o.id, input[i]?.id);
    if (i < positives.length) {
      const c = positives[i]!;
      assert.ok(o.findings.some((f) => f.start <= c.start && f.end >= c.end), c.name);
    } else {
      assert.deepEqual(o.findings, [], o.text.slice(0, 60));
      assert.equal(o.text, input[i]?.text);
    }
  });
});

test('redact stops quietly when its reader goes away early', () => {
  const input = Array.from({ length: 30000 }, (_, i) => JSON.stringify({ id: i, text: 'hello there' })).join('\n');
  const r = spawnSync('bash', ['-c', `set -o pipefail; node ${JSON.stringify(BIN)} redact --jsonl | head -1`], { input });
  assert.equal(r.status, 0);
  assert.equal(r.stderr.toString('utf8'), '');
  assert.equal(JSON.parse(r.stdout.toString('utf8')).id, 0);
});
