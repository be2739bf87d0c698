// When the widget downloads the emotion model (setting emotionModel, see
// web/widget/emotion-policy.js), as a visitor's browser sees it: requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openChat, say } from './browser.mjs';

const env = useBrowser();

const PAGE = (settings) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<script>window.AttuneSettings = ${JSON.stringify(settings)};</script>
<script src="/attune/attune.js" async></script></head><body><main><h1>Shop</h1></main></body></html>`;

/** Opens the chat, says one thing; returns the model/ORT requests made before and after it. */
async function visit(settings, { saveData = false } = {}) {
  const page = await env.browser.context.newPage();
  const heavy = [];
  page.on('request', (r) => { if (/emotion\.onnx|\/ort\//.test(r.url())) heavy.push(r.url()); });
  if (saveData) {
    await page.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true, effectiveType: '4g' } }));
  }
  await page.route('**/emotion-page.html', (r) => r.fulfill({ contentType: 'text/html', body: PAGE(settings) }));
  await page.goto(env.server.url + 'emotion-page.html');
  await openChat(page);
  await page.waitForTimeout(1500);
  const onOpen = heavy.length;
  await say(page, 'where is my order?');
  await page.waitForTimeout(2500);
  await page.close();
  return { onOpen, afterMessage: heavy.length };
}

test('auto (the default): nothing heavy when the chat opens, the model after the first message', async () => {
  const r = await visit({});
  assert.equal(r.onOpen, 0, 'no ONNX Runtime or model before the visitor writes');
  assert.ok(r.afterMessage > 0, 'the model loads once the visitor has written');
});

test('auto with Save-Data: never', async () => {
  const r = await visit({}, { saveData: true });
  assert.deepEqual(r, { onOpen: 0, afterMessage: 0 });
});

test('eager: on open; off: never', async () => {
  assert.ok((await visit({ emotionModel: 'eager' })).onOpen > 0);
  assert.deepEqual(await visit({ emotionModel: 'off' }), { onOpen: 0, afterMessage: 0 });
});
