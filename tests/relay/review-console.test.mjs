// The review page and the verdict in the agent console, in a real Chromium against the real relay
// over a seeded history (relay/scripts/seed-review.mjs): an agent closes a handoff and marks it
// "should have come sooner" at the turn before it (one click + save); agents have no Review button;
// an admin opens the review page (charts with titles and tables behind them, groups of messages
// not understood with draft intents, ended-badly list, verdicts) and filters it, under the relay's
// CSP, with no page error and no axe violation. Skips only if no browser exists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { startRelay, Client, tmpDir, ROOT } from './helpers.mjs';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
let chromium = null;
try { ({ chromium } = createRequire(path.join(ROOT, 'package.json'))('playwright-core')); } catch { /* skipped below */ }
const skip = !CHROMIUM ? 'chromium is not installed (apt-get install chromium)' : !chromium ? 'playwright-core is not installed (npm ci at the repo root)' : false;
const PASSWORD = 'review-test-password';

let relay;
let dir;
let context;
before(async () => {
  if (skip) return;
  dir = tmpDir('attune-review-console-');
  const db = path.join(dir, 'r.db');
  const end = new Date().toISOString().slice(0, 10);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'relay', 'scripts', 'seed-review.mjs'), '--db', db, '--conversations', '240', '--end', end,
    '--password', PASSWORD], { encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).conversations, 240);
  relay = await startRelay({ db, args: ['--conversations-per-minute', '0'] });
  context = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: CHROMIUM, viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
});
after(async () => {
  await context?.close();
  await relay?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function watch(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  return () => problems.filter((p) => !/WebSocket connection .* failed|401/.test(p));
}

async function signIn(page, account) {
  await page.goto(`${relay.http}/console/`);
  await page.fill('#login-account', account);
  await page.fill('#login-password', PASSWORD);
  await page.click('#login button[type=submit]');
  await page.locator('#me-name').waitFor({ timeout: 15000 });
}

async function axe(page) {
  await page.evaluate(fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`));
}

test('an agent marks a closed handoff "should have come sooner" at the turn before it; agents see no review page', { timeout: 90000, skip }, async () => {
  const v = await Client.open(relay.url('/visitor'));
  v.send({ type: 'hello', role: 'visitor', handoff: { team: 'care', locale: 'en', pack: 'ecommerce', distress: 0.7, reasons: [{ name: 'repetition' }],
    transcript: [{ from: 'visitor', text: 'where is my order' }, { from: 'bot', text: 'It is on its way.' }, { from: 'visitor', text: 'it said that yesterday' },
      { from: 'bot', text: 'It is on its way.' }, { from: 'visitor', text: 'this is useless' }],
    turns: [{ turn: 1, text: 'where is my order', intent: 'track_order', confidence: 0.9 }, { turn: 2, text: 'it said that yesterday', intent: 'track_order', confidence: 0.7 },
      { turn: 3, text: 'this is useless', intent: 'none', handoff: true, reasons: ['repetition', 'anger'] }] } });
  const { conversation } = await v.next('welcome');
  const page = await context.newPage();
  const problems = watch(page);
  await signIn(page, 'ben'); // care team, max 3: the conversation is assigned to him
  assert.equal(await page.isVisible('#btn-review'), false, 'agents have no Review button');
  await page.locator('#list-mine li').first().click();
  await page.locator('#btn-close').click();
  const verdict = page.locator('#verdict');
  await verdict.waitFor({ timeout: 15000 });
  await verdict.getByRole('button', { name: 'Should have come sooner…' }).click();
  const turn = page.locator('#verdict-turn');
  assert.equal(await turn.inputValue(), '2', 'the default is the visitor turn just before the handoff');
  assert.deepEqual(await turn.locator('option').allTextContents(), ['turn 1: where is my order', 'turn 2: it said that yesterday']);
  await verdict.getByRole('button', { name: 'Save' }).click();
  await page.locator('#verdict-done', { hasText: 'should have come sooner (turn 2)' }).waitFor({ timeout: 5000 });
  assert.deepEqual(problems(), []);
  await page.close();
  await v.close();

  // The admin's export has the mark.
  const admin = await context.newPage();
  await signIn(admin, 'lea');
  const doc = await admin.evaluate(async () => (await fetch('/api/review/export', { headers: { authorization: `Bearer ${sessionStorage.getItem('attune-console-session')}` } })).json());
  const c = doc.conversations.find((x) => x.id === conversation);
  assert.deepEqual([c.verdict.kind, c.verdict.turn, c.verdict.by, c.agent, c.outcome], ['late', 2, 'ben', 'ben', 'agent_closed']);
  await admin.close();
});

test('the admin review page: charts with tables behind them, groups with draft intents, verdicts, filters; CSP-clean and axe-clean', { timeout: 90000, skip }, async () => {
  const page = await context.newPage();
  const problems = watch(page);
  await signIn(page, 'lea');
  await page.click('#btn-review');
  const rv = page.locator('#review-page');
  await rv.locator('h1', { hasText: 'Review' }).waitFor({ timeout: 20000 });
  assert.equal(await page.isVisible('#app'), false);
  const total = Number(await rv.locator('.rv-total strong').first().textContent());
  assert.ok(total >= 240, `conversations counted: ${total}`);

  // The rate chart: an SVG image with a title, one point per day, and the same numbers in a table.
  const chart = rv.locator('svg.rv-chart').first();
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.equal(await chart.locator('title').first().textContent(), 'Handoff rate and reasons per day');
  const days = await chart.locator('circle').count();
  assert.ok(days >= 20, `${days} days drawn`);
  await rv.locator('#rv-h-rate ~ details summary').first().click();
  assert.equal(await rv.locator('table caption', { hasText: 'Handoffs per day' }).locator('xpath=..').locator('tbody tr').count(), days);

  // Groups of messages not understood, each with a draft intent to paste into a pack.
  const groups = rv.locator('.rv-group');
  assert.ok(await groups.count() >= 5);
  const first = groups.first();
  await first.locator('summary', { hasText: 'Draft intent' }).click();
  const draft = JSON.parse(await first.locator('pre.rv-json').textContent());
  assert.match(draft.name, /^[a-z0-9_]+$/);
  assert.ok(draft.examples.length >= 2, 'a group gathers several phrasings');
  const groupedWith = await page.evaluate(() => document.querySelector('.rv-muted')?.textContent ?? '');
  assert.ok(!/Not grouped/.test(groupedWith), 'grouped by the core');

  // Verdict counts and list; ended badly; CSAT by agent.
  assert.match(await rv.locator('.rv-stack').getAttribute('aria-label'), /needed, on time: \d+, should have come sooner: \d+, not needed: \d+/);
  assert.ok(await rv.locator('table caption', { hasText: 'ended badly' }).count() === 1);
  assert.ok(await rv.locator('svg title', { hasText: 'By agent' }).count() === 1);

  // Filters: German only.
  await rv.locator('select[name=language]').selectOption('de');
  await rv.getByRole('button', { name: 'Apply' }).click();
  await page.waitForFunction((n) => Number(document.querySelector('.rv-total strong')?.textContent) < n, total, { timeout: 15000 });
  const de = await page.evaluate(() => [...document.querySelectorAll('.rv-group .rv-group-head .rv-muted')].map((e) => e.textContent));
  assert.ok(de.length && de.every((t) => t.includes(' de ')), de.join('|'));
  assert.equal(await rv.locator('select[name=language]').inputValue(), 'de', 'the filter stays shown');

  assert.deepEqual(await axe(page), [], 'no axe violations');
  assert.deepEqual(problems(), []);
  await page.click('#btn-review');
  assert.equal(await page.isVisible('#app'), true, 'back to the chats');
  await page.close();
});
