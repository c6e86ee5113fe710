/**
 * Uploads through HTTP (the path chat and the help center share) go through the shield: names, text files of
 * any claimed type, and PDFs' text layers. Runs on both databases.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { DIALECTS } from '../helpers/stores.js';
import { seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { makePdf } from '../email/make-pdf.js';

for (const dialect of DIALECTS) {
  describe(`uploads through the shield on ${dialect}`, () => {
    let desk: TestDesk;
    let cast: Cast;
    before(async () => {
      desk = await startTestDesk(dialect);
      cast = await seedCast(desk.deps);
    });
    after(async () => desk.close());

    async function upload(name: string, type: string, bytes: Buffer) {
      const form = new FormData();
      form.append('file', new Blob([bytes], { type }), name);
      const res = await fetch(`${desk.url}/api/v1/attachments`, { method: 'POST', headers: { authorization: `Bearer ${cast.tokens.agentA}` }, body: form });
      assert.equal(res.status, 201);
      const json = (await res.json()) as { id: string; filename: string; content_type: string; size: number };
      const stored = Buffer.from(await (await fetch(`${desk.url}/api/v1/attachments/${json.id}`, { headers: { authorization: `Bearer ${cast.tokens.agentA}` } })).arrayBuffer());
      return { ...json, bytes: stored };
    }

    test('a phrase in a file name is removed from the name', async () => {
      const phrase = generateMnemonic(english, 128);
      const up = await upload(`${phrase}.png`, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
      assert.ok(!up.filename.includes(phrase.split(' ').slice(0, 3).join(' ')));
      assert.match(up.filename, /recovery phrase removed/);
    });

    test('an extension-less octet-stream that is text is stored redacted; binary bytes are stored as sent', async () => {
      const phrase = generateMnemonic(english, 128);
      const up = await upload('wallet-export', 'application/octet-stream', Buffer.from(`seed ${phrase}\n`));
      assert.match(up.bytes.toString('utf8'), /\[recovery phrase removed\]/);
      assert.ok(!up.bytes.toString('utf8').includes(phrase));
      const binary = Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]);
      assert.deepEqual((await upload('blob', 'application/octet-stream', binary)).bytes, binary);
    });

    test('a PDF whose text holds a phrase is not kept: a note takes its place; a clean PDF is kept as sent', async () => {
      const words = generateMnemonic(english, 128).split(' ');
      const secret = await upload('backup.pdf', 'application/pdf', makePdf(['my backup', words.slice(0, 6).join(' '), words.slice(6).join(' ')]));
      assert.equal(secret.filename, 'backup.pdf.removed.txt');
      assert.equal(secret.content_type, 'text/plain');
      assert.match(secret.bytes.toString('utf8'), /did not keep it/);
      const pdf = makePdf(['Invoice 42', 'Total 0.5 BTC']);
      const clean = await upload('invoice.pdf', 'application/pdf', pdf);
      assert.equal(clean.content_type, 'application/pdf');
      assert.deepEqual(clean.bytes, pdf);
    });
  });
}
