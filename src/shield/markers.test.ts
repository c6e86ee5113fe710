import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTION_MARKERS, REDACTION_MARKERS_ZH, SECRET_KINDS, localiseMarkers, redactSecrets } from './index.js';

test('renders every stored marker in Chinese for a zh-* conversation and leaves other text alone', () => {
  for (const kind of SECRET_KINDS) {
    assert.equal(localiseMarkers(`前 ${REDACTION_MARKERS[kind]} 后`, 'zh-CN'), `前 ${REDACTION_MARKERS_ZH[kind]} 后`);
    assert.equal(localiseMarkers(REDACTION_MARKERS[kind], 'zh-Hant'), REDACTION_MARKERS_ZH[kind]);
  }
  const text = 'see [recovery phrase removed] and [not a marker removed]';
  assert.equal(localiseMarkers(text, 'zh-CN'), 'see 【助记词已删除】 and [not a marker removed]');
});

test('keeps the English markers for English, other or unknown languages, as the very same string', () => {
  const text = `a ${REDACTION_MARKERS.mnemonic} b`;
  for (const lang of ['en', 'fr', null, undefined, 'zhx']) assert.equal(localiseMarkers(text, lang), text);
});

test('a Chinese marker is no secret and is left alone by the shield', () => {
  for (const m of Object.values(REDACTION_MARKERS_ZH)) assert.deepEqual(redactSecrets(`助记词 ${m}`).findings, []);
});
