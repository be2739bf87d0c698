// Golden conversations (tests/data/conversations) replayed through the widget
// in Chromium: the same expectations the C++ and Node replays check, read off
// the turns the widget reports in its `message` events. The emotion model is
// off (emotionModel: false) because the goldens are lexicon-only, like the
// other two replays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useBrowser, openChat } from './browser.mjs';
import { checkTurn } from '../data/conversations/expect.mjs';

const data = new URL('../data/conversations/', import.meta.url);
const env = useBrowser();

for (const file of JSON.parse(readFileSync(new URL('index.json', data), 'utf8'))) {
  const convo = JSON.parse(readFileSync(new URL(file, data), 'utf8'));
  test(`widget replay ${file}: ${convo.description}`, async () => {
    const page = await env.browser.context.newPage();
    try {
      // A bare host page embedding the widget with this conversation's pack.
      await page.route(env.server.url + 'replay.html', (r) => r.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><title>replay</title></head><body><main><h1>Replay</h1></main>
<script>window.AttuneSettings = { pack: '/attune/packs/${convo.pack}', emotionModel: false };</script>
<script src="/attune/attune.js" async></script></body></html>`,
      }));
      await page.addInitScript(() => {
        window.__turns = [];
        document.addEventListener('message', (e) => e.detail?.turn && e.detail.turn.turn > 0 && window.__turns.push(e.detail.turn));
      });
      await page.goto(env.server.url + 'replay.html');
      await openChat(page);
      for (const [i, { visitor, expect: want }] of convo.turns.entries()) {
        await page.evaluate((text) => document.querySelector('attune-chat').send(text), visitor);
        const got = await page.evaluate((n) => window.__turns[n], i);
        const msg = `${file} turn ${i + 1} "${visitor}" -> ${JSON.stringify(got)}`;
        assert.ok(got, `${msg}: the widget reported no turn`);
        checkTurn(got, want, msg);
        // What the visitor sees is the core's reply, as text; except that this page has no
        // channel, so where the core hands off, the widget says honestly that no person can
        // come instead of the pack's promise of one (and a crisis still gets its resources).
        const shown = await page.evaluate(() => [...document.querySelector('attune-chat').shadowRoot.querySelectorAll('.msg.bot')].map((m) => m.textContent));
        if (got.handoff) {
          assert.ok(!shown.at(-1).includes(got.reply.slice(0, 40)), `${msg}: a person was promised with no channel`);
          if (got.crisis_kind) {
            const card = await page.evaluate(() => document.querySelector('attune-chat').shadowRoot.querySelector('.crisis')?.textContent ?? '');
            assert.ok(got.crisis_resources.every((r) => card.includes(r.phone)), `${msg}: crisis resources not shown`);
          }
        } else {
          assert.ok(shown.some((t) => t.includes(got.reply.slice(0, 40))), `${msg}: reply not shown`);
        }
      }
    } finally {
      await page.close();
    }
  });
}
