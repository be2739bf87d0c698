// Hostile text through <attune-chat> in Chromium (issue 8, item 3): every
// payload in tests/data/xss-payloads.json is sent as visitor text, returned in
// bot templates and sent by an agent. The test proves that none executes and
// that the host page's DOM outside the widget is untouched:
//   - tripwires: alert/confirm/prompt/print and window.__xss record a hit;
//     Playwright also records any dialog, new frame or request to the
//     payloads' attacker host;
//   - a MutationObserver on the host document records any change outside the
//     widget, and the host's serialised DOM (widget removed) must not change;
//   - the widget's shadow DOM must hold no script/iframe/object/embed/img/svg
//     elements, no on* attribute and no javascript:/data:/vbscript: URL.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, chat, openChat, say, root } from './browser.mjs';

const { payloads } = JSON.parse(readFileSync(path.join(root, 'tests/data/xss-payloads.json'), 'utf8'));
const basePack = JSON.parse(readFileSync(path.join(root, 'packs/ecommerce.en.json'), 'utf8'));
// The shipped pack keeps office hours, which the widget honours; the handoff tests here are about
// markup, so they get the pack without hours and run the same at any time of day.
const alwaysOpen = structuredClone(basePack);
delete alwaysOpen.handoff.business_hours;

const env = useBrowser();
const pages = [];
afterEach(async () => {
  for (const p of pages.splice(0)) if (!p.isClosed()) await p.close();
});

// A host page with content of its own, the tripwires, and the widget.
// `settings` is JSON for window.AttuneSettings (functions for the custom
// channel are added in-page when `desk` is set).
// Every '<' in the settings JSON is escaped, so a payload's closing script
// tag cannot end this inline script early.
function hostPage(settings, { desk = false } = {}) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host page</title>
<script>
  window.__hits = [];
  window.__xss = (id) => __hits.push('__xss:' + id);
  for (const f of ['alert', 'confirm', 'prompt', 'print']) window[f] = (...a) => { __hits.push(f + ':' + a.join(',')); };
  window.AttuneSettings = ${JSON.stringify(settings).replace(/</g, '\\u003c')};
  ${desk ? `let push;
  window.__desk = { handoff: null, agent: (f) => push(f) };
  AttuneSettings.channel = { type: 'custom',
    connect: async (handoff) => { __desk.handoff = handoff; return { conversation: 'c1' }; },
    send: async (frame) => ({ type: 'ack', id: frame.id }),
    onMessage: (fn) => { push = fn; return () => {}; },
    close: async () => {} };` : ''}
</script>
<script src="/attune/attune.js" async></script></head>
<body><header id="site"><h1>Northwind</h1><nav><a href="/">Home</a> <a href="/help">Help</a></nav></header>
<main id="content"><p class="lead">Host content that no payload may touch.</p>
<form id="search"><input name="q" value="jackets"><button>Search</button></form></main>
<footer>© Northwind</footer></body></html>`;
}

async function open(p, settings, options) {
  const hits = [];
  p.on('dialog', (d) => { hits.push('dialog:' + d.message()); d.dismiss().catch(() => {}); });
  p.on('frameattached', (f) => hits.push('frame:' + f.url()));
  p.on('request', (r) => { if (/attacker\.invalid/.test(r.url())) hits.push('request:' + r.url()); });
  await p.route('**/hostile.html', (r) => r.fulfill({ contentType: 'text/html', body: hostPage(settings, options) }));
  await p.goto(env.server.url + 'hostile.html');
  await openChat(p);
  // From here on, nothing outside <attune-chat> may change.
  await p.evaluate(() => {
    const strip = () => {
      const clone = document.documentElement.cloneNode(true);
      clone.querySelectorAll('attune-chat').forEach((el) => el.remove());
      return clone.outerHTML;
    };
    window.__hostBefore = strip();
    window.__hostNow = strip;
    window.__mutations = [];
    new MutationObserver((records) => {
      for (const r of records) {
        const t = r.target.nodeType === 1 ? r.target : r.target.parentElement;
        if (t && (t.localName === 'attune-chat' || t.closest?.('attune-chat'))) continue;
        const added = [...r.addedNodes].filter((n) => n.localName !== 'attune-chat');
        const removed = [...r.removedNodes].filter((n) => n.localName !== 'attune-chat');
        if (r.type === 'childList' && !added.length && !removed.length) continue;
        window.__mutations.push(`${r.type} on <${t?.localName}> ${r.attributeName ?? ''} +${added.map((n) => n.nodeName)} -${removed.map((n) => n.nodeName)}`);
      }
    }).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return hits;
}

// What must hold after the payloads went through.
async function assertClean(p, hits, what) {
  await p.waitForTimeout(500);  // let any onerror/onload/animation handler fire
  const state = await p.evaluate(() => {
    const shadow = document.querySelector('attune-chat').shadowRoot;
    const bad = [];
    // Messages are where untrusted text lands: only text, formatting and links there.
    for (const el of shadow.querySelectorAll('.msg *')) {
      if (/^(script|iframe|frame|object|embed|img|svg|math|video|audio|source|base|meta|link|form|input|style|details|marquee|noscript)$/i.test(el.localName)) {
        bad.push('<' + el.localName + '> in a message');
      }
    }
    // Anywhere in the widget: no inline handlers, no script-bearing URLs.
    for (const el of shadow.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(`${el.localName}[${a.name}]`);
        if (/^(href|src|action|formaction|xlink:href|data|srcdoc)$/i.test(a.name) && /^\s*(javascript|data|vbscript):/i.test(a.value)) {
          bad.push(`${el.localName}[${a.name}=${a.value}]`);
        }
      }
    }
    return { bad, hits: window.__hits, mutations: window.__mutations, same: window.__hostNow() === window.__hostBefore, title: document.title };
  });
  assert.deepEqual([...hits, ...state.hits], [], `${what}: a payload executed`);
  assert.deepEqual(state.bad, [], `${what}: dangerous markup inside the widget`);
  assert.deepEqual(state.mutations, [], `${what}: the host DOM changed`);
  assert.equal(state.same, true, `${what}: the host DOM serialises differently`);
  assert.equal(state.title, 'Host page');
}

test('visitor text: no payload executes, each is shown as text, the host page is untouched', async () => {
  // 15 payloads a page: under the core's 20-messages-a-minute limit.
  for (let start = 0; start < payloads.length; start += 15) {
    const p = await env.browser.context.newPage();
    pages.push(p);
    const hits = await open(p, {});
    for (const { text } of payloads.slice(start, start + 15)) {
      await say(p, text);
      const shown = await p.locator('attune-chat .msg.user').last().innerText();
      const tag = /^<([a-z]+)/i.exec(text);
      if (tag) assert.ok(shown.includes('<' + tag[1]), `the visitor sees their text ${JSON.stringify(text)} as typed, got ${JSON.stringify(shown)}`);
    }
    await assertClean(p, hits, `visitor payloads ${start}..${start + 14}`);
    await p.close();
  }
});

test('bot templates: a pack whose replies are the payloads renders them inert', async () => {
  // "{name}" is a template variable; "{{" and "}}" are literal braces.
  const templates = payloads.map(({ text }) => text.replace(/\{/g, '{{').replace(/\}/g, '}}'));
  const pack = structuredClone(basePack);
  pack.responses.greeting.neutral = [templates.join('\n')];
  for (const r of Object.values(pack.responses)) {
    if (r !== pack.responses.greeting && Array.isArray(r.neutral)) r.neutral = templates.slice(0, 20);
  }
  const p = await env.browser.context.newPage();
  pages.push(p);
  const hits = await open(p, { pack });
  const greeting = await chat(p).bot.first().innerText();
  assert.match(greeting, /<script>alert\(1\)<\/script>/, 'the greeting shows the payloads as text');
  assert.match(greeting, /\{alert\(1\)\}/, 'escaped braces come out literally');
  for (const text of ['where is my order', 'qwpoeiruty zxmcnvb', 'how do I return a jacket', 'asdf ghjk', 'shipping?']) {
    const reply = await say(p, text);
    assert.ok(reply.length > 0);
  }
  await assertClean(p, hits, 'bot templates');
});

test('agent messages: payloads from a live agent render inert', async () => {
  const p = await env.browser.context.newPage();
  pages.push(p);
  const hits = await open(p, { pack: alwaysOpen }, { desk: true });
  await say(p, 'I want to talk to a human');
  await p.locator('attune-chat .consent').getByRole('button', { name: 'Yes, connect me' }).click();
  await p.waitForFunction(() => window.__desk.handoff);
  await p.evaluate(() => __desk.agent({ type: 'agent_joined', id: 'j1', agent: { name: '<img src=x onerror=alert(1)>' } }));
  for (let i = 0; i < payloads.length; i++) {
    await p.evaluate(([id, text]) => __desk.agent({ type: 'message', id, from: 'agent', text }), [`m${i}`, payloads[i].text]);
  }
  await p.waitForFunction((n) => document.querySelector('attune-chat').shadowRoot.querySelectorAll('.msg.agent').length >= n,
    payloads.length, { timeout: 30000 });
  assert.match(await p.locator('attune-chat .msg.agent').first().innerText(), /<script>alert\(1\)<\/script>/);
  await assertClean(p, hits, 'agent messages');
});
