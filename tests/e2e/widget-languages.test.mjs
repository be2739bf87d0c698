// The visitor's language in Chromium (issue 15): a pack set, the bot switching to the language the
// visitor writes in (with the pack's note once), setLocale switching the bot, and an Arabic page
// whose English bubbles keep their own direction while the panel's icons mirror.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, chat, openChat, say, watchErrors, artifacts } from './browser.mjs';

const env = useBrowser();
const pages = [];
afterEach(async () => {
  for (const p of pages.splice(0)) if (!p.isClosed()) await p.close();
});

// A host page embedding Attune with the shop's English and Spanish packs as a {lang} set.
const hostPage = (lang) => `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>shop</title>
<script>window.AttuneSettings = { pack: '/attune/packs/ecommerce.{lang}.json', packLanguages: ['en', 'es'], persist: 'session' };
window.Attune = window.Attune || function () { (Attune.q = Attune.q || []).push(arguments); };</script>
<script src="/attune/attune.js" async></script></head><body><h1>shop</h1></body></html>`;

async function open(lang) {
  const p = await env.browser.context.newPage();
  pages.push(p);
  const errors = watchErrors(p);
  await p.addInitScript(() => {
    window.__turns = [];
    document.addEventListener('message', (e) => e.detail.turn && window.__turns.push(e.detail.turn));
  });
  const url = new URL(`lang-${lang}.html`, env.server.url).href;
  await p.route(url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: hostPage(lang) }));
  await p.goto(url);
  await chat(p).launcher.waitFor();
  return { p, errors };
}

const turns = (p) => p.evaluate(() => window.__turns);
// Says `text` and returns the bot's reply bubble (without the screen-reader label and time).
async function ask(p, text) {
  await say(p, text);
  return chat(p).bot.last().innerText();
}

test('an English page: a visitor writing Spanish gets Spanish, the note once, and the UI follows', async () => {
  const { p, errors } = await open('en');
  const c = await openChat(p);
  assert.match(await c.bot.first().innerText(), /shop's assistant/, 'the greeting is in the page language');
  // The first message, at once: the Spanish pack may not be loaded yet; the widget loads it first.
  let reply = await ask(p, '¿dónde está mi pedido? no ha llegado todavía');
  assert.match(reply, /^Sigo en español\. /);
  assert.match(reply, /pedido/);
  let t = (await turns(p)).at(-1);
  assert.equal(t.language_switched, 'es');
  assert.equal(t.reply_language, 'es');
  assert.equal(t.intent, 'track_order');
  // The flow goes on in Spanish; the order number alone switches nothing.
  reply = await ask(p, '12345678');
  t = (await turns(p)).at(-1);
  assert.equal(t.reply_language, 'es');
  assert.equal(t.language_switched, undefined);
  assert.equal(t.flow?.status, 'completed');
  reply = await ask(p, 'y cuánto tarda el envío a Canarias');
  assert.doesNotMatch(reply, /Sigo en español/, 'the note is said once');
  // The UI strings followed the bot.
  assert.equal(await p.locator('attune-chat .panel').getAttribute('lang'), 'es');
  assert.equal(await c.input.getAttribute('placeholder'), (await import('../../web/widget/i18n/es.js')).default.placeholder);
  await p.screenshot({ path: path.join(artifacts, 'languages-switch.png') });
  assert.deepEqual(errors.filter((e) => !/emotion/.test(e)), []);
});

test('setLocale("es") switches the bot\'s replies too, conversation kept', async () => {
  const { p } = await open('en');
  await openChat(p);
  let reply = await ask(p, 'where is my order?');
  assert.match(reply, /order number/);
  await p.evaluate(() => Attune('setLocale', 'es'));
  await p.waitForFunction(() => document.querySelector('attune-chat').shadowRoot.querySelector('.panel').lang === 'es');
  reply = await ask(p, '12345678');
  const t = (await turns(p)).at(-1);
  assert.equal(t.reply_language, 'es');
  assert.equal(t.flow?.status, 'completed', 'the flow begun in English ends in Spanish');
  assert.doesNotMatch(reply, /Sigo en español/, 'a language the visitor chose needs no note');
  // Every time shown, before the switch too, in the new language's clock: no "3:05 PM" above "15:07".
  const times = await p.locator('attune-chat time.meta').allTextContents();
  assert.ok(times.length >= 4, `times shown: ${times.length}`);
  for (const t of times) assert.match(t, /^\d{1,2}:\d{2}$/, `a Spanish clock, not "${t}"`);
});

test('an Arabic page: English bubbles read left to right, the panel mirrors its directional icons', async () => {
  const { p } = await open('ar');
  const c = await openChat(p);
  assert.equal(await p.locator('attune-chat').getAttribute('dir'), 'rtl');
  await say(p, 'where is my order?');
  const bubbles = p.locator('attune-chat .bubble[dir=auto]');
  assert.ok((await bubbles.count()) >= 3, 'every bubble has dir=auto');
  assert.equal(await c.input.getAttribute('dir'), 'auto');
  // An English reply on the Arabic page is laid out left to right inside its bubble.
  assert.equal(await c.bot.last().evaluate((b) => getComputedStyle(b).direction), 'ltr');
  const flip = (sel) => p.locator(sel).evaluate((el) => getComputedStyle(el).transform);
  assert.equal(await flip('attune-chat .send svg'), 'matrix(-1, 0, 0, 1, 0, 0)', 'the send arrow points the way Arabic runs');
  assert.equal(await flip('attune-chat .launcher svg'), 'matrix(-1, 0, 0, 1, 0, 0)');
  // The panel sits at the inline end, which is the left in RTL.
  const box = await c.panel.boundingBox();
  assert.ok(box.x < 400, `the panel is on the left (x = ${box.x})`);
  await p.screenshot({ path: path.join(artifacts, 'languages-ar.png') });
});

test('after a reload the bot and the UI go on in the language the visitor switched to', async () => {
  const { p } = await open('en');
  await openChat(p);
  await ask(p, 'hola, quiero devolver unas zapatillas que me quedan pequeñas');
  await p.reload();
  const c = chat(p);
  // The panel comes back open after a reload (persist); open() is a no-op then.
  await p.waitForFunction(() => customElements.get('attune-chat') && document.querySelector('attune-chat').shadowRoot?.querySelector('.panel'));
  await p.evaluate(() => document.querySelector('attune-chat').open());
  await p.waitForFunction(() => document.querySelector('attune-chat').shadowRoot.querySelector('.panel').lang === 'es');
  const reply = await ask(p, 'y cuánto tarda el envío a Canarias');
  const t = (await turns(p)).at(-1);
  assert.equal(t.reply_language, 'es');
  assert.equal(t.intent, 'shipping');
  assert.doesNotMatch(reply, /Sigo en español/, 'the note was said before the reload');
  assert.equal(await c.input.getAttribute('placeholder'), (await import('../../web/widget/i18n/es.js')).default.placeholder);
});
