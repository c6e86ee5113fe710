/** Every history entry type of core's closed list reads as a sentence in both languages (issue 19): no raw codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORY_EVENT_TYPES } from '../../src/core/event.js';

const sentences = (lang: string) => (JSON.parse(readFileSync(join(process.cwd(), 'web/shared/i18n', `${lang}.json`), 'utf8')) as { history: { sentence: Record<string, string> } }).history.sentence;

test('every history event type has a sentence in English and Chinese, and none shows its code', () => {
  for (const lang of ['en', 'zh-CN']) {
    const s = sentences(lang);
    const missing = HISTORY_EVENT_TYPES.filter((type) => !s[type.replace(/\./g, '__')]);
    assert.deepEqual(missing, [], `${lang} lacks sentences`);
    for (const type of HISTORY_EVENT_TYPES) assert.ok(!s[type.replace(/\./g, '__')]!.includes(type), `${lang} ${type} shows its code`);
  }
});
