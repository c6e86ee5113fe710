import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (args: string[], input: string) =>
  spawnSync(process.execPath, ['bin/walletdesk.js', ...args], { input, encoding: 'utf8', cwd: new URL('../../../', import.meta.url).pathname });

test('triage --jsonl writes one result per request with the contract fields', () => {
  const input = [
    JSON.stringify({ id: 't1', subject: '急', body: '我的钱包被盗了，币被转到 bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' }),
    JSON.stringify({ id: 2, body: 'tx stuck, txid 9cd00914ec17c05172bdf64cd474adb4ad9ee8668cd896bd392b7df45036a0fd, sent yesterday' }),
  ].join('\n');
  const r = run(['triage', '--jsonl'], `${input}\n`);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(lines.length, 2);
  for (const key of ['id', 'category', 'priority', 'language', 'missing', 'entities']) assert.ok(key in lines[0]!, key);
  assert.deepEqual([lines[0]!.id, lines[0]!.category, lines[0]!.priority, lines[0]!.language], ['t1', 'security', 'urgent', 'zh-Hans']);
  assert.deepEqual((lines[0]!.entities as { addresses: string[] }).addresses, ['bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq']);
  assert.deepEqual((lines[1]!.entities as { txids: string[] }).txids, ['9cd00914ec17c05172bdf64cd474adb4ad9ee8668cd896bd392b7df45036a0fd']);
  assert.deepEqual([lines[1]!.id, lines[1]!.category, lines[1]!.missing], [2, 'transaction', []]);
});

test('triage --jsonl names malformed lines on stderr without a stack, triages the rest and exits 2', () => {
  const r = run(['triage', '--jsonl'], `{"id":1,"body":"hello"}\nnot json\n{"id":3}\n{"id":4,"body":"app crashes"}\n`);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /line 2: not valid JSON/);
  assert.match(r.stderr, /line 3: "body" must be a string/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
  assert.deepEqual(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id), [1, 4]);
});

test('triage train writes a model from labelled JSONL that triage --model then uses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-'));
  const data = join(dir, 'labelled.jsonl');
  const out = join(dir, 'model.json');
  const lines = [
    ...Array.from({ length: 6 }, (_, i) => ({ text: `zorblax flimflam ${i}`, category: 'technical', priority: 'normal' })),
    { subject: 'help', body: 'wallet stolen', category: 'security' },
    { text: 'tx not received', category: 'transaction' },
    { text: 'how do i backup', category: 'how_to' },
    { text: 'hello thanks', category: 'other' },
  ];
  writeFileSync(data, lines.map((l) => JSON.stringify(l)).join('\n'));
  const t = run(['triage', 'train', '--input', data, '--output', out], '');
  assert.equal(t.status, 0, t.stderr);
  assert.equal((JSON.parse(readFileSync(out, 'utf8')) as { trainedOn: number }).trainedOn, 10);
  const r = run(['triage', '--jsonl', '--model', out], '{"id":"z","body":"zorblax flimflam again"}\n');
  assert.equal((JSON.parse(r.stdout) as { category: string }).category, 'technical');
});

test('triage train refuses bad lines by number and writes nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-'));
  const data = join(dir, 'bad.jsonl');
  writeFileSync(data, '{"text":"a","category":"other"}\n{"text":"b","category":"urgent-ish"}\n');
  const t = run(['triage', 'train', '--input', data, '--output', join(dir, 'm.json'), '--extend-default'], '');
  assert.equal(t.status, 2);
  assert.match(t.stderr, /line 2: "category" must be one of/);
});

test('triage refuses a model file that is missing or not a model, with one line and exit 2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-'));
  const notModel = join(dir, 'x.json');
  writeFileSync(notModel, '{"hello": 1}');
  for (const file of [join(dir, 'missing.json'), notModel]) {
    const r = run(['triage', '--jsonl', '--model', file], '{"id":1,"body":"hi"}\n');
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /model/);
  }
});
