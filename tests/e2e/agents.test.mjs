// Two agents and three visitors on the real relay (SQLite), the agents in the real console in
// Chromium, the visitors speaking the relay's visitor protocol from Node (relay/PROTOCOL.md):
// - the crisis visitor is ranked first in both queues with the banner, the title flash and a beep;
// - one visitor declines the handoff while waiting (back to the bot) and leaves both queues;
// - an agent going online is given the oldest waiting conversation (auto-assignment shows in "My chats");
// - Ana reloads her tab: the session resumes and her conversation, its history and replies are back;
// - Bob leaves: after the grace period his visitor is told and requeued, and routed to Ana.
// Screenshots of the console go to tests/artifacts/console-*.png (and a copy to the temp dir).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { launch, artifacts, watchErrors } from './browser.mjs';
import { startRelay, Client, tmpDir, withTimeout, ROOT } from '../relay/helpers.mjs';

const PASSWORDS = { ana: 'ana-e2e-password', bob: 'bob-e2e-password' };
const GRACE_MS = 2000;

function addAccount(db, name, display) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'relay', 'cli.mjs'), '--db', db, 'accounts', 'add', name, '--role', 'agent',
    '--teams', 'care', '--max-chats', '3', '--display', display, '--password-stdin'], { input: `${PASSWORDS[name]}\n`, encoding: 'utf8' });
  assert.equal(r.status, 0, `accounts add ${name}: ${r.stderr}`);
}

let relay;
let dir;
let browser;
before(async () => {
  dir = tmpDir('attune-agents-');
  const db = path.join(dir, 'relay.db');
  addAccount(db, 'ana', 'Ana P.');
  addAccount(db, 'bob', 'Bob K.');
  relay = await startRelay({ db, args: ['--conversations-per-minute', '0', '--agent-grace-ms', String(GRACE_MS)] });
  browser = await launch({ args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'] });
});
after(async () => {
  await browser?.close();
  await relay?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function agentPage(name) {
  const page = await browser.context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${relay.http}/console/`);
  await page.fill('#login-account', name);
  await page.fill('#login-password', PASSWORDS[name]);
  await page.click('#login button[type=submit]');
  await page.locator('#me-name', { hasText: name === 'ana' ? 'Ana P.' : 'Bob K.' }).waitFor({ timeout: 10000 });
  return { page, errors };
}

async function visitor(handoff) {
  const v = await Client.open(relay.url('/visitor'));
  v.send({ type: 'hello', role: 'visitor', handoff: { reasons: [], distress: 0.3, valence: 0, emotions: {}, pack: 'healthcare-en', team: 'care', ...handoff } });
  const w = await v.next('welcome', 'visitor welcome');
  return { client: v, conversation: w.conversation };
}

// Screenshots for a person to look at (the layout), next to the other e2e artifacts and in the temp dir.
const shot = async (page, name) => {
  await page.screenshot({ path: path.join(artifacts, `console-${name}.png`) });
  fs.copyFileSync(path.join(artifacts, `console-${name}.png`), path.join(os.tmpdir(), `console-${name}.png`));
};
const queueTexts = (page) => page.locator('#list-queue .conv-item').allTextContents();

test('two agents, three visitors: crisis first, a decline, a reload, an agent who leaves', { timeout: 150000 }, async () => {
  const ana = await agentPage('ana');
  const bob = await agentPage('bob');
  // Both away while the visitors arrive, so the queue is what the agents see (nobody is auto-assigned yet).
  for (const a of [ana, bob]) {
    await a.page.click('#btn-presence');
    await a.page.locator('#btn-presence', { hasText: 'away' }).waitFor();
    await a.page.click('#tab-queue');
  }

  const v1 = await visitor({ country: 'GB', locale: 'en', identity: { name: 'Oliver' },
    reasons: [{ name: 'human_request', weight: 0.9, evidence: 'a person' }],
    transcript: [{ from: 'visitor', text: 'my prescription was not renewed', at: Date.now() - 9000 }, { from: 'visitor', text: 'can I talk to a person', at: Date.now() - 8000 }] });
  const v2 = await visitor({ country: 'IE', locale: 'en', identity: { name: 'Aoife' }, reasons: [{ name: 'repetition', weight: 0.5 }],
    transcript: [{ from: 'visitor', text: 'where is my appointment letter', at: Date.now() - 7000 }] });
  const v3 = await visitor({ country: 'US', locale: 'en', priority: 'crisis', identity: { name: 'Sam' }, distress: 0.96,
    reasons: [{ name: 'crisis', weight: 1, evidence: 'end it all' }],
    transcript: [{ from: 'visitor', text: 'I want to end it all', at: Date.now() - 1000 }] });

  for (const a of [ana, bob]) {
    await a.page.waitForFunction(() => document.querySelectorAll('#list-queue .conv-item').length === 3, null, { timeout: 10000 });
    const q = await queueTexts(a.page);
    assert.match(q[0], /crisis.*Sam/i, 'crisis ranked first');
    assert.match(q[1], /Aoife/, 'then the newest');
    assert.match(q[2], /Oliver/);
    await a.page.locator('#crisis-banner', { hasText: 'Sam' }).waitFor({ timeout: 5000 });
    assert.ok(Number(await a.page.getAttribute('#crisis-banner', 'data-beeps')) >= 1, 'the alert sounded');
    await a.page.waitForFunction(() => document.title.includes('CRISIS'), null, { timeout: 5000 });
  }
  await shot(ana.page, 'queue-crisis');

  // Aoife declines: she goes back to the bot while waiting, and leaves both queues.
  v2.client.send({ type: 'close', id: 'decline-1' });
  await withTimeout(v2.client.next((f) => f.type === 'ack' && f.id === 'decline-1'), 5000, 'decline acked');
  for (const a of [ana, bob]) {
    await a.page.waitForFunction(() => document.querySelectorAll('#list-queue .conv-item').length === 2, null, { timeout: 10000 });
    assert.doesNotMatch((await queueTexts(a.page)).join('|'), /Aoife/);
  }

  // Ana takes the crisis from the banner.
  await ana.page.click('#crisis-open');
  await withTimeout(v3.client.next('agent_joined'), 5000, 'Sam is told Ana joined');
  await ana.page.locator('#list-mine .conv-item', { hasText: 'Sam' }).waitFor({ timeout: 5000 });
  await ana.page.fill('#reply-text', 'I am Ana. I am here with you. Are you safe right now?');
  await ana.page.press('#reply-text', 'Enter');
  await withTimeout(v3.client.next((f) => f.type === 'message' && f.from === 'agent'), 5000, 'Sam gets Ana’s reply');
  v3.client.send({ type: 'message', id: 's1', text: 'not really', affect: { distress: 0.9, crisis: true, crisisKind: 'self_harm', reasons: [{ name: 'crisis', weight: 1, evidence: 'not really' }] } });
  await ana.page.locator('#transcript .msg.visitor.crisis', { hasText: 'not really' }).waitFor({ timeout: 5000 });
  // Bob's banner for Sam goes once Ana has taken the conversation, and the title stops flashing.
  await bob.page.waitForFunction(() => document.querySelectorAll('#list-queue .conv-item').length === 1, null, { timeout: 10000 });
  await bob.page.locator('#crisis-banner').waitFor({ state: 'hidden', timeout: 5000 });
  await bob.page.waitForFunction(() => !document.title.includes('CRISIS'), null, { timeout: 5000 });

  // Bob goes online: the relay routes Oliver (waiting) to him; it shows in his "My chats".
  await bob.page.click('#btn-presence');
  await withTimeout(v1.client.next('agent_joined'), 10000, 'Oliver assigned to Bob');
  await bob.page.locator('#announce', { hasText: 'New chat assigned to you' }).waitFor({ timeout: 5000 });
  await bob.page.click('#tab-mine');
  const bobItem = bob.page.locator('#list-mine .conv-item', { hasText: 'Oliver' });
  await bobItem.waitFor({ timeout: 10000 });
  await bobItem.locator('button', { hasText: 'Open' }).click();
  await bob.page.locator('#transcript .msg.visitor', { hasText: 'can I talk to a person' }).waitFor({ timeout: 5000 });
  await bob.page.fill('#reply-text', 'Hi Oliver, Bob here. Let me check your prescription.');
  await bob.page.press('#reply-text', 'Enter');
  await withTimeout(v1.client.next((f) => f.type === 'message' && f.from === 'agent'), 5000, 'Oliver gets Bob’s reply');
  await shot(bob.page, 'bob');

  // Ana reloads: same account, same session; Sam's conversation and its history come back and she can reply.
  await ana.page.reload();
  await ana.page.locator('#me-name', { hasText: 'Ana P.' }).waitFor({ timeout: 10000 });
  assert.equal(await ana.page.isVisible('#login'), false, 'no password asked after a reload');
  const anaItem = ana.page.locator('#list-mine .conv-item', { hasText: 'Sam' });
  await anaItem.waitFor({ timeout: 10000 });
  await anaItem.locator('button', { hasText: 'Open' }).click();
  await ana.page.locator('#transcript .msg.visitor', { hasText: 'not really' }).waitFor({ timeout: 5000 });
  await ana.page.locator('#transcript .msg.agent', { hasText: 'Are you safe right now?' }).waitFor({ timeout: 5000 });
  await ana.page.fill('#reply-text', 'Still here. You can call or text 988 now.');
  await ana.page.press('#reply-text', 'Enter');
  const after = await withTimeout(v3.client.next((f) => f.type === 'message' && f.from === 'agent' && /988/.test(f.text)), 5000, 'reply after reload');
  assert.equal(after.agent.name, 'Ana P.');
  assert.equal(v3.client.all('agent_left').length, 0, 'a reload does not requeue Sam');
  await ana.page.locator('#resources-card').waitFor({ timeout: 5000 });
  await shot(ana.page, 'ana-after-reload');

  // Ana goes online, then Bob leaves for good: after the grace period Oliver is told and requeued, and routed to Ana.
  await ana.page.click('#btn-presence');
  await ana.page.locator('#btn-presence', { hasText: 'online' }).waitFor();
  const bobErrors = bob.errors;
  await bob.page.close();
  const left = await withTimeout(v1.client.next('agent_left', 'agent_left', GRACE_MS + 15000), GRACE_MS + 15000, 'Oliver told Bob left');
  assert.equal(left.requeued, true);
  await withTimeout(v1.client.next((f) => f.type === 'agent_joined' && f.agent?.name === 'Ana P.', 'joined', 15000), 15000, 'Oliver routed to Ana');
  await ana.page.click('#tab-mine');
  const oliver = ana.page.locator('#list-mine .conv-item', { hasText: 'Oliver' });
  await oliver.waitFor({ timeout: 10000 });
  await oliver.locator('button', { hasText: 'Open' }).click();
  // Ana sees what Bob said before he left.
  await ana.page.locator('#transcript .msg.agent', { hasText: 'Bob here' }).waitFor({ timeout: 5000 });
  await ana.page.locator('#transcript .msg.event', { hasText: /left/ }).waitFor({ timeout: 5000 });
  await ana.page.fill('#reply-text', 'Hi Oliver, Ana here; Bob had to leave. I have your prescription request.');
  await ana.page.press('#reply-text', 'Enter');
  await withTimeout(v1.client.next((f) => f.type === 'message' && f.from === 'agent' && /Ana here/.test(f.text)), 5000, 'Oliver gets Ana’s reply');
  assert.equal(await ana.page.locator('#list-mine .conv-item').count(), 2);
  // Sam writes while Ana reads Oliver's conversation: Sam's card and the page title say so; opening it clears both.
  v3.client.send({ type: 'message', id: 's2', text: 'are you still there?' });
  const sam = ana.page.locator('#list-mine .conv-item', { hasText: 'Sam' });
  await sam.locator('.badge.unread', { hasText: '1 new' }).waitFor({ timeout: 5000 });
  await ana.page.waitForFunction(() => document.title.startsWith('(1) '), null, { timeout: 5000 });
  await sam.locator('button', { hasText: 'Open' }).click();
  await ana.page.locator('#transcript .msg.visitor', { hasText: 'are you still there?' }).waitFor({ timeout: 5000 });
  assert.equal(await sam.locator('.badge.unread').count(), 0);
  assert.equal(await ana.page.title(), 'Attune agent console');
  // The focus follows the conversation's frame from the relay, a moment after the click on a loaded machine.
  await ana.page.waitForFunction(() => document.activeElement?.id === 'reply-text', null, { timeout: 3000 }).catch(() => {});
  assert.equal(await ana.page.evaluate(() => document.activeElement.id), 'reply-text', 'opening a chat puts the cursor in its reply box');
  await shot(ana.page, 'ana-two-chats');

  assert.deepEqual(ana.errors.filter((e) => !/WebSocket/.test(e)), [], 'no page error or CSP violation (Ana)');
  assert.deepEqual(bobErrors.filter((e) => !/WebSocket/.test(e)), [], 'no page error or CSP violation (Bob)');
  for (const v of [v1, v2, v3]) await v.client.close().catch(() => {});
});
