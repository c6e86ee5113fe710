/**
 * A ticket whose subject is one long unbroken string (a txid run-on, a pasted URL) keeps the console within the
 * window: the list and the ticket page wrap it instead of widening the page (it made the table 2,536 px wide).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { api, PASSWORD, seedCast, startTestDesk, type Cast, type TestDesk } from '../helpers/desk.js';
import { launch, shot, watchErrors } from './chromium.js';

/** The widest thing on the page: the document, or any element inside the content area (which scrolls on its own). */
const pageWidth = (page: Page) =>
  page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): ArrayLike<{ scrollWidth: number }> } }).document;
    return Math.max(doc.documentElement.scrollWidth, ...Array.from(doc.querySelectorAll('.content, .content table, .content h1')).map((e) => e.scrollWidth));
  });

describe('a long unbroken subject, in Chromium', () => {
  let browser: Browser;
  let desk: TestDesk;
  let cast: Cast;
  let number = 0;
  const subject = `withdrawalstuck${'0123456789abcdef'.repeat(11)}`;
  before(async () => {
    browser = await launch();
    desk = await startTestDesk('sqlite');
    cast = await seedCast(desk.deps);
    const r = await api(desk, cast.tokens.agentA, 'POST', '/api/v1/tickets', { subject, body: 'see the subject', requester: { email: 'long@mail.example' } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    number = r.body.number as number;
  });
  after(async () => {
    await browser?.close();
    await desk?.close();
  });

  for (const width of [1280, 390]) {
    test(`the list and the ticket page stay within a ${width} px window`, async () => {
      const page = await (await browser.newContext({ locale: 'en-GB', viewport: { width, height: 800 } })).newPage();
      const problems = watchErrors(page);
      await page.goto(`${desk.url}/agent/views/unassigned`);
      await page.locator('#email').fill(cast.agentA.email);
      await page.locator('#password').fill(PASSWORD);
      await page.locator('form button[type=submit]').click();
      // Signed in (the session cookie is set) before leaving the page.
      await page.locator('#search').waitFor();
      await page.goto(`${desk.url}/agent/search?q=${number}`);
      await page.getByText(subject.slice(0, 20)).first().waitFor();
      // The subject's cell wraps its text (no overflow inside it), in a narrow column at desktop width and across
      // the row's card on a phone; at both widths the whole list fits.
      const cell = await page
        .getByText(subject.slice(0, 20))
        .first()
        .evaluate((e) => {
          const td = (e as unknown as { closest(s: string): { scrollWidth: number; clientWidth: number } | null }).closest('td');
          return td ? { scroll: td.scrollWidth, client: td.clientWidth } : null;
        });
      assert.ok(cell && cell.scroll <= cell.client + 1 && cell.client < (width > 800 ? width / 2 : width), `the subject wraps inside its cell (${JSON.stringify(cell)})`);
      assert.ok((await pageWidth(page)) <= width, `the list is at most ${width} px wide (${await pageWidth(page)})`);
      await shot(page, `long-subject-list-${width}`);
      await page.goto(`${desk.url}/agent/tickets/${number}`);
      await page.locator('#ticket-title').waitFor();
      const title = await page.locator('#ticket-title').evaluate((e) => (e as unknown as { scrollWidth: number }).scrollWidth);
      assert.ok(title <= width, `the ticket's title is at most ${width} px wide (${title})`);
      assert.ok((await pageWidth(page)) <= width, `the ticket page is at most ${width} px wide (${await pageWidth(page)})`);
      await shot(page, `long-subject-ticket-${width}`);
      assert.deepEqual(problems, []);
      await page.context().close();
    });
  }
});
