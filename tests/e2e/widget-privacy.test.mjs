// Private by default: with no channel configured (and before consent), the
// page requests nothing but the site's own page files and Attune's static
// files, even after a whole conversation, a handoff request included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser, openChat, say } from './browser.mjs';

const env = useBrowser();

const PAGE_FILES = new Set(['/', '/shop.css', '/shop.js', '/favicon.svg']);

test('no request leaves for anything but the page and Attune\'s static files', async () => {
  const p = await env.browser.context.newPage();
  const requests = [];
  p.on('request', (r) => requests.push({ url: r.url(), method: r.method(), type: r.resourceType() }));
  p.on('websocket', (ws) => requests.push({ url: ws.url(), method: 'WEBSOCKET', type: 'websocket' }));
  // Workers' requests are seen through the context.
  env.browser.context.on('request', (r) => {
    if (!requests.some((q) => q.url === r.url())) requests.push({ url: r.url(), method: r.method(), type: r.resourceType() });
  });
  await p.goto(env.server.url);
  await openChat(p);
  await say(p, 'where is my order? my email is ana@example.com');
  await say(p, 'this is useless, I want to talk to a human');
  await p.locator('attune-chat .msg.bot').filter({ hasText: 'Live support isn’t available' }).waitFor(); // no channel
  await p.waitForTimeout(1000);
  const origin = new URL(env.server.url).origin;
  const bad = requests.filter((r) => {
    const u = new URL(r.url);
    if (u.protocol === 'blob:' || u.protocol === 'data:') return false;
    if (u.origin !== origin || r.method !== 'GET') return true;
    return !(u.pathname.startsWith('/attune/') || PAGE_FILES.has(u.pathname));
  });
  assert.deepEqual(bad, []);
  assert.ok(requests.some((r) => r.url.endsWith('/attune/attune-core.wasm')), 'the log did record the widget\'s own loads');
  await p.close();
});

test('idle preload fetches the widget and the core, never the emotion model; nor does opening; the first message does', async () => {
  const p = await env.browser.context.newPage();
  const urls = [];
  env.browser.context.on('request', (r) => urls.push(new URL(r.url()).pathname));
  await p.goto(env.server.url);
  await p.waitForFunction(() => document.querySelector('attune-chat').matches(':defined'), null, { timeout: 30000 });
  // The wasm is fetched by the core worker, so watch the context's requests.
  for (let i = 0; i < 300 && !urls.some((u) => u.endsWith('/attune/attune-core.wasm')); i++) await p.waitForTimeout(100);
  assert.ok(urls.some((u) => u.endsWith('/attune/attune-core.wasm')), 'the idle preload loaded the core');
  await p.waitForTimeout(1500);
  assert.ok(!urls.some((u) => u.startsWith('/attune/ort/') || u.endsWith('emotion-worker.js')), urls.join('\n'));
  await openChat(p);
  await p.waitForTimeout(1000);
  assert.ok(!urls.some((u) => u.endsWith('/attune/emotion-worker.js')), 'opening alone does not start the emotion worker (emotionModel: auto)');
  await say(p, 'where is my order?');
  await p.waitForTimeout(1000);
  assert.ok(urls.some((u) => u.endsWith('/attune/emotion-worker.js')), 'the first message starts the emotion worker');
  await p.close();
});

test('persist: the stored conversation (and the other tabs\' copy) holds only redacted text', async () => {
  const p = await env.browser.context.newPage();
  await p.route('**/local.html', (r) => r.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script>window.AttuneSettings = { persist: 'local' };</script><script src="/attune/attune.js" async></script></head><body></body></html>` }));
  await p.goto(env.server.url + 'local.html');
  await openChat(p);
  const typed = 'my card 4111 1111 1111 1111 was charged twice, email ana@example.com';
  await say(p, typed);
  assert.equal(await p.locator('attune-chat .msg.user .bubble').last().innerText(), typed, 'the bubble shows what was typed');
  await p.waitForFunction(() => Object.keys(localStorage).some((k) => k.startsWith('attune:') && localStorage[k].includes('[card]')), null, { timeout: 10000 });
  const stored = await p.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('attune:')).map(([, v]) => v).join('\n'));
  assert.ok(!stored.includes('4111') && !stored.includes('ana@example.com'), stored);
  assert.match(stored, /\[email\]/);
  // A reload shows the stored, redacted conversation.
  await p.reload(); // the panel was open: it opens again by itself
  await p.locator('attune-chat .msg.user').filter({ hasText: '[card]' }).waitFor({ timeout: 30000 });
  await p.close();
});
