import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromDomainAuthenticated, impersonatesOwnDomain, parseAuthenticationResults, pickVerdict } from './auth-results.js';

const GMAIL =
  'mx.google.com; dkim=pass header.i=@satoshi.example header.s=s1 header.b="AbC/12+"; spf=pass (google.com: domain of bounce@satoshi.example designates 1.2.3.4 as permitted sender) smtp.mailfrom=bounce@satoshi.example; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=satoshi.example';

test('parses the methods of a Gmail-style header, comments and quoted values included', () => {
  const v = parseAuthenticationResults(GMAIL)!;
  assert.equal(v.authservId, 'mx.google.com');
  assert.deepEqual(v.spf, { result: 'pass', domain: 'satoshi.example' });
  assert.deepEqual(v.dkim, [{ result: 'pass', domain: 'satoshi.example' }]);
  assert.deepEqual(v.dmarc, { result: 'pass', domain: 'satoshi.example' });
});

test('the trusted server’s header wins over ones added upstream (which anyone can forge)', () => {
  const forged = 'mx.satoshi.example; dmarc=pass header.from=satoshi.example';
  const real = 'mx.provider.example; dmarc=fail header.from=satoshi.example';
  assert.equal(pickVerdict([forged, real], ['mx.provider.example'])?.dmarc?.result, 'fail');
  assert.equal(pickVerdict([real, forged])?.dmarc?.result, 'fail', 'without a list, the topmost (nearest) header');
  assert.equal(pickVerdict([forged], ['mx.provider.example']), null);
});

test('mail claiming the desk’s domain is flagged only when checks failed for it', () => {
  const fail = parseAuthenticationResults('mx.x; spf=softfail smtp.mailfrom=satoshi.example; dkim=none');
  const dmarcFail = parseAuthenticationResults('mx.x; dmarc=fail header.from=satoshi.example');
  const pass = parseAuthenticationResults(GMAIL);
  assert.equal(impersonatesOwnDomain('security@satoshi.example', ['satoshi.example'], dmarcFail), true);
  assert.equal(impersonatesOwnDomain('security@mail.satoshi.example', ['satoshi.example'], fail), true);
  assert.equal(impersonatesOwnDomain('security@satoshi.example', ['satoshi.example'], pass), false);
  assert.equal(impersonatesOwnDomain('security@satoshi.example', ['satoshi.example'], null), false, 'no verdict is not a failure');
  assert.equal(impersonatesOwnDomain('someone@gmail.com', ['satoshi.example'], dmarcFail), false);
  assert.equal(fromDomainAuthenticated(pass, 'satoshi.example'), 'pass');
});
