import { test } from 'node:test';
import assert from 'node:assert/strict';
import { triage } from './index.js';
import { extractEntities } from './entities.js';

test('sends a theft report to security as urgent and says which phrases decided it', () => {
  const r = triage({ subject: '救命', body: '我的钱包被盗了！！！里面的币全部被转走了，不是我操作的' });
  assert.equal(r.category, 'security');
  assert.equal(r.priority, 'urgent');
  assert.ok(r.reasons.includes('matched: 被盗'));
  assert.equal(r.language, 'zh-Hans');
});

test('treats Traditional Chinese and English theft reports the same way', () => {
  assert.equal(triage({ body: '帳戶被駭，有人把我的比特幣轉出去了' }).category, 'security');
  const en = triage({ body: 'there is an unknown transaction in my wallet, I did not make it. 0.2 btc gone' });
  assert.equal(en.category, 'security');
  assert.equal(en.priority, 'urgent');
});

test('reports a phishing attempt without loss to security at high priority', () => {
  const r = triage({ body: 'Is wallet-verify.net your official site? It asks for my recovery phrase. I did not enter anything.' });
  assert.equal(r.category, 'security');
  assert.equal(r.priority, 'high');
});

test('sorts stuck transactions, crashes, lockouts, questions and business mail', () => {
  const cases: Array<[string, string, string]> = [
    ['转账三天了还没到账，显示未确认', 'transaction', 'high'],
    ['why are the fees so high?', 'transaction', 'normal'],
    ['app一打开就闪退，华为 Mate 60', 'technical', 'normal'],
    ['忘记密码了，登录不进去', 'technical', 'high'],
    ['请问怎么导出交易记录？', 'how_to', 'low'],
    ['feature request: dark mode please', 'how_to', 'low'],
    ['We would like to discuss a partnership with your team', 'other', 'low'],
  ];
  for (const [body, category, priority] of cases) {
    const r = triage({ body });
    assert.deepEqual([r.category, r.priority], [category, priority], body);
  }
});

test('explains a decision the model made with the words that weighed most', () => {
  const r = triage({ body: '钱包里的余额和浏览器上看到的不一样' });
  assert.ok(r.reasons.some((x) => x.startsWith('model: ') || x.startsWith('matched: ')));
  assert.ok(r.reasons.at(-1)!.startsWith('priority: '));
});

test('calls a message with nothing to go on other, low, instead of guessing', () => {
  for (const body of ['', '...', 'qwzx vbnm']) {
    const r = triage({ body });
    assert.deepEqual([r.category, r.priority], ['other', 'low'], body);
    assert.ok(r.reasons.includes('nothing to go on'));
  }
});

test('works without a model, on rules alone', () => {
  assert.equal(triage({ body: '我的钱包被盗了' }, null).category, 'security');
  assert.equal(triage({ body: 'hello there' }, null).category, 'other');
});

test('reads a day and a clock time as one time', () => {
  assert.deepEqual(extractEntities('昨天晚上11点转的').times, [{ text: '昨天晚上11点', kind: 'relative' }]);
  assert.deepEqual(extractEntities('it happened yesterday at 4pm').times, [{ text: 'yesterday at 4pm', kind: 'relative' }]);
});
