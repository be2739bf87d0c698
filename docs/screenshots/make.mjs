#!/usr/bin/env node
// Regenerates the README screenshots (light, dark, mobile, handoff) from the
// demo in Chromium: node docs/screenshots/make.mjs (after scripts/build.sh).
// The handoff shot uses a "custom" channel simulated in the page, so no relay
// is needed; what it shows is the widget's real handoff UI.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { launch, serve, openChat, say, root } from '../../tests/e2e/browser.mjs';

const out = path.dirname(fileURLToPath(import.meta.url));
// The shipped pack keeps office hours; the handoff shots are taken at any hour, so without them.
const openPack = JSON.parse(readFileSync(path.join(root, 'packs/ecommerce.en.json'), 'utf8'));
delete openPack.handoff.business_hours;
const server = await serve();
const browser = await launch();
const conversation = async (p) => {
  await openChat(p);
  await say(p, 'Hi, my parcel still has not arrived and I am getting worried');
  await say(p, 'It is order #48213');
};

try {
  let p = await browser.context.newPage();
  await p.goto(server.url);
  await conversation(p);
  await p.screenshot({ path: path.join(out, 'light.png') });
  await p.close();

  p = await browser.context.newPage();
  await p.emulateMedia({ colorScheme: 'dark' });
  await p.goto(server.url);
  await conversation(p);
  await p.screenshot({ path: path.join(out, 'dark.png') });
  await p.close();

  p = await browser.context.newPage();
  await p.setViewportSize({ width: 390, height: 780 });
  await p.goto(server.url);
  await openChat(p);
  await say(p, 'How do I return a jacket?');
  await p.screenshot({ path: path.join(out, 'mobile.png') });
  await p.close();

  p = await browser.context.newPage();
  await p.route('**/desk.html', (r) => r.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head>
    <meta charset="utf-8"><title>Northwind Outfitters</title><link rel="stylesheet" href="/shop.css">
    <script>let push; window.__agent = (f) => push(f);
    window.AttuneSettings = { pack: ${JSON.stringify(openPack)}, channel: { type: 'custom', connect: async () => ({ conversation: 'c1' }),
      send: async (f) => ({ type: 'ack', id: f.id }), onMessage: (fn) => { push = fn; }, close: async () => {} } };</script>
    <script src="/attune/attune.js" async></script></head><body><header class="top"><span class="brand">Northwind <span>Outfitters</span></span></header>
    <main><section class="hero"><h1>How can we help?</h1><p>A person from our team is one click away.</p></section></main></body></html>` }));
  await p.goto(server.url + 'desk.html');
  await openChat(p);
  await say(p, 'I was charged twice and nobody answers my emails. I want to talk to a human.');
  await p.locator('attune-chat .consent button').first().click();
  await p.waitForTimeout(300);
  await p.evaluate(() => window.__agent({ type: 'agent_joined', id: 'j', agent: { name: 'Sam' } }));
  await p.evaluate(() => window.__agent({ type: 'message', id: 'm', from: 'agent', text: 'Hi, I\'m Sam. I can see both charges on your card: I\'m refunding the second one now.' }));
  await p.evaluate(() => window.__agent({ type: 'typing' }));
  await p.waitForTimeout(300);
  await p.screenshot({ path: path.join(out, 'handoff.png') });
  await p.close();
  console.log(`screenshots written to ${path.relative(process.cwd(), out)}/`);
} finally {
  await browser.close();
  await server.close();
}
