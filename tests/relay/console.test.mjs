// The agent console in a real Chromium (playwright-core + Debian chromium): token login, queue with
// the emotion summary and handoff reasons, accept, transcript, agent assist, reply, close —
// under the relay's CSP, with no CSP violation and no page error. Skips only if no browser exists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { startRelay, newVisitor, tmpDir, withTimeout, ROOT, TOKEN } from './helpers.mjs';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
let chromium = null;
try { ({ chromium } = createRequire(path.join(ROOT, 'package.json'))('playwright-core')); } catch { /* skipped below */ }
const skip = !CHROMIUM ? 'chromium is not installed (apt-get install chromium)' : !chromium ? 'playwright-core is not installed (npm ci at the repo root)' : false;

let relay;
let dir;
let context;
before(async () => {
  if (skip) return;
  dir = tmpDir();
  relay = await startRelay({ db: path.join(dir, 'r.db'), args: ['--conversations-per-minute', '0'] });
  context = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
});
after(async () => {
  await context?.close();
  await relay?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('agent console: login, queue summary, accept, assist, reply, close', { timeout: 45000, skip }, async () => {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  const v = await newVisitor(relay, {
    transcript: [{ from: 'visitor', text: '<img src=x onerror="window.pwned=1">', at: 1 }, { from: 'bot', text: 'Sorry to hear that.', at: 2 }],
    reasons: [{ name: 'crisis', weight: 1, evidence: 'hopeless' }], distress: 0.93, valence: -0.8, emotions: { sadness: 0.7, fear: 0.2 }, intent: 'support',
  });
  await page.goto(`${relay.http}/console/`);
  await page.fill('#login-name', 'Ana');
  await page.fill('#login-token', 'wrong-token-123');
  await page.click('#login button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#login-error').textContent.includes('not accepted'), null, { timeout: 5000 });

  await page.fill('#login-token', TOKEN);
  await page.click('#login button[type=submit]');
  const item = page.locator('.queue-item', { hasText: 'crisis' });
  await item.waitFor({ timeout: 5000 });
  const text = await item.textContent();
  assert.match(text, /queued/);
  assert.match(text, /sadness 70%/);
  assert.match(text, /valence: -0\.80/);
  assert.equal(await item.locator('meter').getAttribute('value'), '0.93');

  await item.locator('button', { hasText: 'Accept' }).click();
  await withTimeout(v.client.next('agent_joined'), 5000, 'visitor told the agent joined');
  await page.locator('#transcript .msg.visitor').first().waitFor({ timeout: 5000 });
  assert.equal(await page.locator('#transcript .msg.visitor').first().evaluate((e) => e.lastChild.textContent), '<img src=x onerror="window.pwned=1">');
  assert.equal(await page.locator('#transcript img').count(), 0, 'visitor text is text, not markup');
  assert.match(await page.locator('#conv-summary').textContent(), /crisis \(“hopeless”\)/);

  v.client.send({ type: 'message', id: 'v1', text: 'I feel hopeless', suggestions: ['I am here with you.', 'You are not alone.'] });
  await page.locator('#suggestions button', { hasText: 'You are not alone.' }).click({ timeout: 5000 });
  assert.equal(await page.inputValue('#reply-text'), 'You are not alone.');
  await page.fill('#reply-text', 'You are not alone. I am Ana and I am here.');
  await page.click('#reply button[type=submit]');
  const m = await withTimeout(v.client.next((f) => f.type === 'message' && f.from === 'agent'), 5000, 'visitor gets the edited reply');
  assert.equal(m.text, 'You are not alone. I am Ana and I am here.');

  // A second visitor: accepting it shows it; a message in the first one is flagged in the queue.
  const v2 = await newVisitor(relay, { transcript: [], reasons: [{ name: 'repetition' }], distress: 0.4, valence: -0.1, emotions: { confusion: 0.8 } });
  const item2 = page.locator('.queue-item', { hasText: 'repetition' });
  await item2.locator('button', { hasText: 'Accept' }).click({ timeout: 5000 });
  await page.waitForFunction((id) => document.querySelector('#conv-title').textContent.includes(id), v2.conversation, { timeout: 5000 });
  v.client.send({ type: 'message', id: 'v2', text: 'still there?' });
  await item.locator('.badge.unread', { hasText: '1 new' }).waitFor({ timeout: 5000 });
  await item.locator('button', { hasText: 'Open' }).click();
  await page.locator('#transcript .msg.visitor', { hasText: 'still there?' }).waitFor({ timeout: 5000 });
  assert.equal(await item.locator('.badge.unread').count(), 0, 'opening clears the unread count');
  await v2.client.close();

  v.client.send({ type: 'typing' });
  await page.locator('#typing').waitFor({ state: 'visible', timeout: 5000 });
  await page.click('#btn-csat');
  await withTimeout(v.client.next('csat_request'), 5000, 'csat request');
  await page.click('#btn-bot');
  const closed = await withTimeout(v.client.next('closed'), 5000, 'closed');
  assert.deepEqual([closed.reason, closed.returnToBot], ['returned_to_bot', true]);
  await page.locator('#transcript .msg.event', { hasText: 'visitor back with the bot' }).waitFor({ timeout: 5000 });
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(problems.filter((p) => !/WebSocket connection .* failed|401/.test(p)), [], 'no CSP violation or script error');
  // Accessibility: axe-core on the signed-in console (evaluated over DevTools, so the CSP stays as served).
  await page.evaluate(fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const axe = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ') + ' ' + (n.any[0]?.message ?? '')).join('; ')}`));
  assert.deepEqual(axe, [], 'no axe violations');
  await page.screenshot({ path: path.join(dir, 'console.png') });
  if (process.env.ATTUNE_KEEP_SCREENSHOT) fs.copyFileSync(path.join(dir, 'console.png'), process.env.ATTUNE_KEEP_SCREENSHOT);
  await v.client.close();
});
