// The widget's hand-over to a person (issue 6, item 4), driven through a
// "custom" channel whose help desk is simulated by the test page itself, so
// every frame that leaves the widget is recorded. The relay's own two-browser
// tests cover the websocket channel end to end.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { useBrowser, openChat, say, artifacts, root } from './browser.mjs';

const env = useBrowser();
const pages = [];
afterEach(async () => {
  for (const p of pages.splice(0)) if (!p.isClosed()) await p.close();
});

// A shop page whose settings bridge Attune to a (simulated) help desk.
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Help desk test</title>
<script>
  let push;
  window.__desk = { frames: [], handoff: null, closed: false, agent: (f) => push(f) };
  window.AttuneSettings = { channel: { type: 'custom',
    connect: async (handoff) => { __desk.handoff = handoff; return { conversation: 'c1' }; },
    send: async (frame) => { __desk.frames.push(frame); return { type: 'ack', id: frame.id }; },
    onMessage: (fn) => { push = fn; return () => {}; },
    close: async () => { __desk.closed = true; } } };
  window.__handoff = [];
  document.addEventListener('handoff', (e) => __handoff.push(e.detail.state));
</script>
<script src="/attune/attune.js" async></script></head><body><main><h1>Help</h1></main></body></html>`;

async function deskPage() {
  const p = await env.browser.context.newPage();
  pages.push(p);
  await p.route('**/desk.html', (r) => r.fulfill({ contentType: 'text/html', body: PAGE }));
  await p.goto(env.server.url + 'desk.html');
  return p;
}
const desk = (p) => p.evaluate(() => ({ frames: __desk.frames, handoff: __desk.handoff, closed: __desk.closed, states: __handoff }));
const agent = (p, frame) => p.evaluate((f) => __desk.agent(f), frame);
const count = (p, sel) => p.locator('attune-chat ' + sel).count();

test('consent first, redacted transcript, agent chat with the bot silent, agent closes -> back to the bot', async () => {
  const p = await deskPage();
  const c = await openChat(p);
  await say(p, 'my card 4111 1111 1111 1111 was charged twice, email me at ana@example.com');
  await say(p, 'I want to talk to a human');
  const consent = p.locator('attune-chat .consent');
  await consent.waitFor();
  assert.match(await consent.innerText(), /share this conversation with our support team/);
  let d = await desk(p);
  assert.equal(d.handoff, null, 'nothing leaves the page before consent');
  assert.deepEqual(d.frames, []);

  await consent.getByRole('button', { name: 'Yes, connect me' }).click();
  await p.locator('attune-chat .msg.system').filter({ hasText: 'Connecting you to a person' }).waitFor();
  await p.waitForFunction(() => window.__desk.handoff);
  d = await desk(p);
  const sent = JSON.stringify(d.handoff.transcript);
  assert.ok(!sent.includes('ana@example.com') && !sent.includes('4111'), sent);
  assert.match(sent, /\[email\]/);
  assert.match(sent, /\[card\]/);
  assert.equal(d.handoff.transcript[0].from, 'bot');
  assert.ok(d.handoff.transcript.some((t) => t.from === 'visitor'));
  assert.ok(d.handoff.reasons.some((r) => r.name === 'human_request'));

  await agent(p, { type: 'agent_joined', id: 'j1', agent: { name: 'Sam' } });
  await p.locator('attune-chat .msg.system').filter({ hasText: 'Sam joined the chat.' }).waitFor();
  assert.equal(await p.locator('attune-chat .status').innerText(), 'Sam');
  await agent(p, { type: 'typing' });
  await p.locator('attune-chat .typing [aria-label="Sam is typing…"]').waitFor();
  await agent(p, { type: 'message', id: 'm1', from: 'agent', text: 'Hi, I am Sam. I can see the double charge.' });
  await p.locator('attune-chat .msg.agent').filter({ hasText: 'double charge' }).waitFor();
  await p.screenshot({ path: path.join(artifacts, 'handoff.png') });

  const botsBefore = await count(p, '.msg.bot');
  await c.input.fill('thank you Sam, where is my order?');
  await c.input.press('Enter');
  await p.waitForFunction(() => window.__desk.frames.some((f) => f.type === 'message'));
  await p.waitForTimeout(1200); // longer than the bot's typing delay
  assert.equal(await count(p, '.msg.bot'), botsBefore, 'the bot stays silent while an agent is present');
  d = await desk(p);
  const msg = d.frames.find((f) => f.type === 'message');
  assert.equal(msg.text, 'thank you Sam, where is my order?');
  assert.ok(Array.isArray(msg.suggestions) && msg.suggestions.length === 1, 'agent assist: the bot\'s reply as a suggestion');

  await agent(p, { type: 'csat_request', id: 'q1' });
  const csat = p.locator('attune-chat .csat');
  await csat.waitFor();
  await csat.getByRole('button', { name: '5 out of 5' }).click();
  await csat.getByRole('button', { name: 'Send' }).click();
  await p.waitForFunction(() => window.__desk.frames.some((f) => f.type === 'csat'));
  assert.equal((await desk(p)).frames.find((f) => f.type === 'csat').score, 5);

  await agent(p, { type: 'closed', id: 'x1', reason: 'agent' });
  await p.locator('attune-chat .msg.system').filter({ hasText: 'You are back with the assistant' }).waitFor();
  assert.match(await say(p, 'how long does shipping take?'), /working days/, 'the bot answers again');
  d = await desk(p);
  assert.equal(d.closed, true);
  assert.deepEqual(d.states, ['consent', 'connecting', 'agent', 'closed']);
});

test('declining consent: nothing is sent and the bot carries on', async () => {
  const p = await deskPage();
  await openChat(p);
  await say(p, 'let me speak to a real person');
  await p.locator('attune-chat .consent').getByRole('button', { name: 'No, keep chatting' }).click();
  assert.equal(await count(p, '.consent'), 0);
  assert.match(await say(p, 'how long does shipping take?'), /working days/);
  const d = await desk(p);
  assert.equal(d.handoff, null);
  assert.deepEqual(d.frames, []);
  assert.deepEqual(d.states, ['consent', 'declined']);
});

test('no agent online: leave a message (sent with the contact) or keep chatting', async () => {
  const p = await deskPage();
  await openChat(p);
  await say(p, 'I want to talk to a human');
  await p.locator('attune-chat .consent').getByRole('button', { name: 'Yes, connect me' }).click();
  await p.waitForFunction(() => window.__desk.handoff);
  await agent(p, { type: 'no_agent', reason: 'closed_hours' });
  const card = p.locator('attune-chat .no-agent');
  await card.waitFor();
  assert.match(await card.innerText(), /leave a message/i);
  await card.getByRole('button', { name: 'Leave a message' }).click();
  await card.getByLabel('Message').fill('Please call me about order 1234');
  await card.getByLabel('Email for our reply').fill('ana@example.com');
  await card.getByRole('button', { name: 'Send' }).click();
  await card.filter({ hasText: 'your message was sent' }).waitFor();
  const left = (await desk(p)).frames.find((f) => f.type === 'leave_message');
  assert.deepEqual([left.text, left.contact], ['Please call me about order 1234', 'ana@example.com']);
  assert.match(await say(p, 'how long does shipping take?'), /working days/, 'back with the bot');
});

test('crisis language shows the pack\'s crisis resources with tappable numbers', async () => {
  const p = await deskPage();
  await openChat(p);
  await say(p, 'I want to kill myself');
  const crisis = p.locator('attune-chat .crisis');
  await crisis.waitFor();
  const resources = JSON.parse(readFileSync(path.join(root, 'packs/ecommerce.en.json'), 'utf8')).handoff.crisis_resources;
  assert.ok(resources.length > 0);
  for (const r of resources) assert.ok((await crisis.innerText()).includes(r.name), r.name);
  assert.deepEqual(await crisis.locator('a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    resources.filter((r) => r.phone).map((r) => 'tel:' + r.phone.replace(/[^\d+]/g, '')));
  await p.locator('attune-chat .consent').waitFor(); // and a person is offered
});

test('an emergency described without a keyword, in Spanish, is caught in the browser by the judgement model', async () => {
  const p = await deskPage();
  await openChat(p);
  // No crisis pattern matches this (the core's patterns alone stay silent);
  // only the judgement model fetched beside the core can hear it.
  await say(p, 'mi hija se metió algo del armario de la limpieza en la boca y ahora está rara y muy dormida');
  await p.locator('attune-chat .crisis').waitFor();
  await p.locator('attune-chat .consent').waitFor();
});

test('a crisis typed while talking to an agent shows the crisis resources at once', async () => {
  const p = await deskPage();
  const c = await openChat(p);
  await say(p, 'I want to talk to a human');
  await p.locator('attune-chat .consent').getByRole('button', { name: 'Yes, connect me' }).click();
  await p.waitForFunction(() => window.__desk.handoff);
  await agent(p, { type: 'agent_joined', id: 'j1', agent: { name: 'Sam' } });
  await p.locator('attune-chat .msg.system').filter({ hasText: 'Sam joined the chat.' }).waitFor();
  assert.equal(await count(p, '.crisis'), 0);
  await c.input.fill("honestly i can't do this anymore, i have the pills counted out for tonight");
  await c.input.press('Enter');
  await p.locator('attune-chat .crisis').waitFor({ timeout: 10000 });
  await p.waitForFunction(() => window.__desk.frames.some((f) => f.type === 'message'));
  assert.equal((await desk(p)).frames.find((f) => f.type === 'message').text, "honestly i can't do this anymore, i have the pills counted out for tonight");
});

test('without a channel a handoff says live support is not available (and sends nothing)', async () => {
  const p = await env.browser.context.newPage();
  pages.push(p);
  await p.goto(env.server.url);
  await openChat(p);
  await say(p, 'I want to talk to a human');
  await p.locator('attune-chat .msg.system').filter({ hasText: 'Live support isn’t available' }).waitFor();
  assert.equal(await count(p, '.consent'), 0);
});
