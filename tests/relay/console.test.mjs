// The agent console in a real Chromium (playwright-core + Debian chromium) against the real relay:
// account sign-in (wrong password, session resumed on reload, sign-out, the bootstrap token as
// admin), the queue ranked by urgency with the crisis banner, team/country/identity/distress/reason
// on each item, accept, the affect timeline and reasons by turn, crisis resources, agent assist,
// canned replies (add, edit, delete, /shortcut), the Messages list (answer a left message, close),
// admin transfer — under the relay's CSP, with no CSP violation, no page error and no axe violation.
// Skips only if no browser exists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { startRelay, Client, tmpDir, withTimeout, ROOT, TOKEN, ORIGIN } from './helpers.mjs';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
let chromium = null;
try { ({ chromium } = createRequire(path.join(ROOT, 'package.json'))('playwright-core')); } catch { /* skipped below */ }
const skip = !CHROMIUM ? 'chromium is not installed (apt-get install chromium)' : !chromium ? 'playwright-core is not installed (npm ci at the repo root)' : false;

const IDENTITY_SECRET = 'console-test-identity-secret';
const PASSWORDS = { ana: 'ana-password-0123', boss: 'boss-password-0123' };

/** Create an account with the relay's CLI (the way an operator does), password on stdin. */
function addAccount(db, name, args) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'relay', 'cli.mjs'), '--db', db, 'accounts', 'add', name, ...args, '--password-stdin'],
    { input: `${PASSWORDS[name]}\n`, encoding: 'utf8' });
  assert.equal(r.status, 0, `accounts add ${name}: ${r.stderr}`);
}

const hmac = (s) => crypto.createHmac('sha256', IDENTITY_SECRET).update(s).digest('hex');

async function visitor(relay, handoff) {
  const v = await Client.open(relay.url('/visitor'));
  v.send({ type: 'hello', role: 'visitor', handoff: { transcript: [], reasons: [], distress: 0.2, valence: 0, emotions: {}, locale: 'en', pack: 'retail-en', ...handoff } });
  const w = await v.next('welcome', 'visitor welcome');
  return { client: v, conversation: w.conversation, secret: w.secret };
}

let relay;
let dir;
let context;
let db;
before(async () => {
  if (skip) return;
  dir = tmpDir();
  db = path.join(dir, 'r.db');
  addAccount(db, 'ana', ['--role', 'agent', '--teams', 'care,sales', '--max-chats', '5', '--display', 'Ana P.']);
  addAccount(db, 'boss', ['--role', 'admin', '--display', 'Bo Admin']);
  relay = await startRelay({ db, args: ['--conversations-per-minute', '0', '--identity-secret', IDENTITY_SECRET] });
  context = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: CHROMIUM, viewport: { width: 1280, height: 860 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required'] });
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

async function signIn(page, account, password) {
  await page.fill('#login-account', account);
  await page.fill('#login-password', password);
  await page.click('#login button[type=submit]');
}

async function axe(page) {
  // Evaluated over DevTools, so the CSP stays as served.
  await page.evaluate(fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] }))
    .violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ') + ' ' + (n.any[0]?.message ?? '')).join('; ')}`));
}

test('sign-in: wrong password, session kept across a reload, sign-out', { timeout: 60000, skip }, async () => {
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${relay.http}/console/`);
  await signIn(page, 'ana', 'not-the-password');
  await page.locator('#login-error', { hasText: 'Wrong account name or password' }).waitFor({ timeout: 10000 });
  assert.equal(await page.isVisible('#app'), false);

  await signIn(page, 'ana', PASSWORDS.ana);
  await page.locator('#me-name', { hasText: 'Ana P.' }).waitFor({ timeout: 10000 });
  assert.match(await page.textContent('#me-name'), /agent · care, sales/);
  const session = await page.evaluate(() => sessionStorage.getItem('attune-console-session'));
  assert.ok(session && session.length >= 32, 'the session is kept in sessionStorage');
  assert.equal(await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }).includes('ana-password')), false, 'the password is not stored');

  await page.reload();
  await page.locator('#me-name', { hasText: 'Ana P.' }).waitFor({ timeout: 10000 });
  assert.equal(await page.isVisible('#login'), false, 'a reload resumes the session without the password');

  await page.click('#btn-logout');
  await page.locator('#login-error', { hasText: 'Signed out' }).waitFor({ timeout: 5000 });
  assert.equal(await page.evaluate(() => sessionStorage.getItem('attune-console-session')), null);
  // The relay ended the session: presenting it again is refused.
  const a = await Client.open(relay.url('/agent'), { origin: null });
  a.send({ type: 'hello', role: 'agent', session });
  const closed = await withTimeout(a.closed, 5000, 'old session refused');
  assert.equal(closed.code, 4401);
  await page.reload();
  assert.equal(await page.isVisible('#login'), true);
  assert.deepEqual(problems(), []);
  await page.close();
});

test('queue ranked by urgency with a crisis alert; conversation view, assist, canned replies, reply, close', { timeout: 90000, skip }, async () => {
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${relay.http}/console/`);
  await page.evaluate(() => localStorage.clear());
  await signIn(page, 'ana', PASSWORDS.ana);
  await page.locator('#me-name', { hasText: 'Ana P.' }).waitFor({ timeout: 10000 });
  await page.click('#btn-presence'); // away: nothing is auto-assigned to Ana while the queue is checked
  await page.locator('#btn-presence', { hasText: 'away' }).waitFor({ timeout: 5000 });

  const normal = await visitor(relay, { team: 'sales', priority: 'normal', country: 'GB', locale: 'en',
    reasons: [{ name: 'human_request', weight: 0.9, evidence: 'a person please' }], distress: 0.3,
    transcript: [{ from: 'visitor', text: 'can I talk to a person', at: Date.now() - 5000 }] });
  const high = await visitor(relay, { team: 'care', priority: 'high', country: 'FR', locale: 'fr',
    reasons: [{ name: 'anger', weight: 0.8, evidence: 'inadmissible' }], distress: 0.75,
    transcript: [{ from: 'visitor', text: 'c’est inadmissible', at: Date.now() - 4000 }] });
  const crisis = await visitor(relay, { team: 'care', priority: 'crisis', country: 'ES', locale: 'es',
    identity: { name: 'Lucía', email: 'lucia@example.org', userId: 'u-42', hash: hmac('u-42') },
    reasons: [{ name: 'crisis', weight: 1, evidence: 'no quiero seguir' }, { name: 'sadness', weight: 0.6, evidence: 'sola' }], distress: 0.95,
    transcript: [{ from: 'visitor', text: 'me siento sola', at: Date.now() - 3000 }, { from: 'bot', text: 'Te escucho.', at: Date.now() - 2500 },
      { from: 'visitor', text: '<img src=x onerror="window.pwned=1"> no quiero seguir', at: Date.now() - 2000 }] });

  // The list tabs work from the keyboard (arrow keys, as tabs do).
  await page.focus('#tab-mine');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getAttribute('#tab-queue', 'aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-queue');
  const items = page.locator('#list-queue .conv-item');
  await page.waitForFunction(() => document.querySelectorAll('#list-queue .conv-item').length === 3, null, { timeout: 10000 });
  const texts = await items.allTextContents();
  assert.match(texts[0], /crisis/i, 'crisis first');
  assert.match(texts[0], /Lucía/);
  assert.match(texts[0], /✓ verified/);
  assert.match(texts[0], /team care/);
  assert.match(texts[0], /ES · es/);
  assert.match(texts[0], /0\.95/);
  assert.match(texts[0], /crisis/);
  assert.match(texts[0], /waiting \d+ s/);
  assert.match(texts[1], /high/);
  assert.match(texts[1], /FR · fr/);
  assert.match(texts[2], /normal/);
  assert.match(texts[2], /team sales/);
  assert.match(texts[2], /human_request/);
  // Visible and audible alert, and the title flashes.
  await page.locator('#crisis-banner', { hasText: 'Lucía' }).waitFor({ timeout: 5000 });
  assert.ok(Number(await page.getAttribute('#crisis-banner', 'data-beeps')) >= 1, 'the alert sounded');
  await page.waitForFunction(() => document.title.includes('CRISIS'), null, { timeout: 5000 });
  assert.equal(await page.getAttribute('#crisis-banner', 'role'), 'alert');

  // Mute: a second crisis does not beep, but still shows.
  await page.click('#btn-mute');
  assert.equal(await page.getAttribute('#btn-mute', 'aria-pressed'), 'true');
  const beeps = Number(await page.getAttribute('#crisis-banner', 'data-beeps'));

  await page.click('#crisis-open'); // "Accept now"
  await withTimeout(crisis.client.next('agent_joined'), 5000, 'visitor told Ana joined');
  await page.locator('#list-mine .conv-item', { hasText: 'Lucía' }).waitFor({ timeout: 5000 });
  assert.equal(await page.isVisible('#crisis-banner'), false, 'taking the conversation clears its alert');
  await page.waitForFunction(() => !document.title.includes('CRISIS'), null, { timeout: 5000 });
  const first = page.locator('#transcript .msg.visitor').nth(1);
  await first.waitFor({ timeout: 5000 });
  assert.match(await first.locator('.text').textContent(), /^<img src=x onerror="window.pwned=1"> no quiero seguir$/);
  assert.equal(await page.locator('#transcript img').count(), 0, 'visitor text is text, not markup');
  // Details: identity, country, crisis resources.
  const facts = await page.textContent('#visitor');
  assert.match(facts, /Lucía/);
  assert.match(facts, /lucia@example\.org/);
  assert.match(facts, /✓ verified/);
  assert.match(facts, /ES \(Spain\)/);
  // The handoff carried no resources of its own: the international fallback, never an empty card.
  assert.match(await page.textContent('#resources-note'), /no local resources for ES/);
  assert.match(await page.textContent('#resources'), /112/);
  assert.match(await page.textContent('#resources'), /findahelpline\.com/);

  // Live affect per message: the timeline gains a turn, crisis turns are marked, reasons keep their turn.
  crisis.client.send({ type: 'message', id: 'v1', text: 'ya no puedo más', suggestions: ['Estoy aquí contigo.', '¿Estás a salvo ahora mismo?'],
    affect: { distress: 0.97, valence: -0.9, crisis: true, crisisKind: 'self_harm', intent: 'support', language: 'es',
      reasons: [{ name: 'crisis', weight: 1, evidence: 'no puedo más' }, { name: 'despair', weight: 0.7, evidence: 'ya no' }] } });
  await withTimeout(crisis.client.next((f) => f.type === 'ack' && f.id === 'v1'), 5000, 'message acked');
  await page.locator('#transcript .msg.visitor.crisis', { hasText: 'ya no puedo más' }).waitFor({ timeout: 5000 });
  await page.locator('#announce', { hasText: 'Lucía: ya no puedo más' }).waitFor({ timeout: 5000 }); // read out by screen readers
  assert.equal(await page.locator('#timeline circle.dot.crisis').count() >= 2, true, 'crisis turns marked on the timeline');
  assert.match(await page.getAttribute('#timeline svg', 'aria-label'), /turn 3 0\.97 crisis/);
  const reasons = await page.locator('#reasons li').allTextContents();
  assert.ok(reasons.some((r) => /turn 3\s+crisis.*no puedo más/.test(r)), reasons.join(' | '));
  assert.ok(reasons.some((r) => /turn 2\s+sadness/.test(r)), reasons.join(' | '));
  assert.equal(Number(await page.getAttribute('#crisis-banner', 'data-beeps')), beeps, 'muted: no sound');

  // Assist: the widget's suggestions, one click to edit.
  await page.locator('#suggestions button', { hasText: '¿Estás a salvo ahora mismo?' }).click({ timeout: 5000 });
  assert.equal(await page.inputValue('#reply-text'), '¿Estás a salvo ahora mismo?');
  assert.match(await page.textContent('#assist h3'), /for “support”/, 'the suggestions say what they answer');

  // Canned replies: add two, edit one, delete one, insert with a click and with /shortcut.
  await page.fill('#reply-text', '');
  await page.fill('#canned-shortcut', 'hola');
  await page.fill('#canned-text', 'Hola, soy Ana.');
  await page.click('#canned-save');
  await page.fill('#canned-shortcut', 'safe');
  await page.fill('#canned-text', 'Are you safe?');
  await page.click('#canned-save');
  await page.click('button[aria-label="Edit /safe"]');
  assert.equal(await page.inputValue('#canned-text'), 'Are you safe?');
  await page.fill('#canned-text', '¿Estás a salvo ahora?');
  await page.click('#canned-save');
  assert.deepEqual(await page.locator('#canned code').allTextContents(), ['/hola', '/safe']);
  assert.match(await page.textContent('#canned'), /¿Estás a salvo ahora\?/);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('attune-canned:ana')));
  assert.deepEqual(stored.map((x) => [x.shortcut, x.text]), [['hola', 'Hola, soy Ana.'], ['safe', '¿Estás a salvo ahora?']]);
  await page.click('button[aria-label="Insert /hola"]');
  assert.equal(await page.inputValue('#reply-text'), 'Hola, soy Ana.');
  await page.locator('#reply-text').press('End');
  await page.locator('#reply-text').pressSequentially(' /safe ');
  assert.equal(await page.inputValue('#reply-text'), 'Hola, soy Ana. ¿Estás a salvo ahora? ');
  await page.click('#reply button[type=submit]');
  const m = await withTimeout(crisis.client.next((f) => f.type === 'message' && f.from === 'agent'), 5000, 'visitor gets the reply');
  assert.equal(m.text, 'Hola, soy Ana. ¿Estás a salvo ahora?');
  await page.click('button[aria-label="Delete /hola"]');
  assert.deepEqual(await page.locator('#canned code').allTextContents(), ['/safe']);
  // Tab expands a shortcut too (and is left to focus movement when nothing matches).
  await page.fill('#reply-text', '/safe');
  await page.locator('#reply-text').press('Tab');
  assert.equal(await page.inputValue('#reply-text'), '¿Estás a salvo ahora?');
  await page.fill('#reply-text', '');

  // The queue still lists the other two, high before normal.
  await page.click('#tab-queue');
  const rest = await page.locator('#list-queue .conv-item').allTextContents();
  assert.equal(rest.length, 2);
  assert.match(rest[0], /high/);
  await page.click('#tab-mine');

  await page.click('#btn-close');
  const closed = await withTimeout(crisis.client.next('closed'), 5000, 'closed');
  assert.equal(closed.reason, 'agent_closed');
  await page.locator('#transcript .msg.event', { hasText: 'closed' }).waitFor({ timeout: 5000 });
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(problems(), [], 'no CSP violation or script error');
  assert.deepEqual(await axe(page), [], 'no axe violations');
  await page.screenshot({ path: path.join(dir, 'console.png') });
  if (process.env.ATTUNE_KEEP_SCREENSHOT) fs.copyFileSync(path.join(dir, 'console.png'), process.env.ATTUNE_KEEP_SCREENSHOT);
  for (const v of [normal, high, crisis]) await v.client.close();
  await page.click('#btn-logout');
  await page.close();
});

test('messages list: a left message is answered later and closed; admin transfer; bootstrap token', { timeout: 60000, skip }, async () => {
  const v = await visitor(relay, { team: 'sales', country: 'DE', locale: 'de', transcript: [{ from: 'visitor', text: 'Rechnung falsch', at: Date.now() }] });
  v.client.send({ type: 'leave_message', id: 'l1', text: 'Bitte rufen Sie mich an.', contact: 'kunde@example.de' });
  await withTimeout(v.client.next((f) => f.type === 'ack' && f.id === 'l1'), 5000, 'left message acked');
  v.client.send({ type: 'close', id: 'x1' }); // the visitor goes back to the bot: the message must stay
  await withTimeout(v.client.next((f) => f.type === 'ack' && f.id === 'x1'), 5000, 'close acked');
  await v.client.close();

  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${relay.http}/console/`);
  await signIn(page, 'ana', PASSWORDS.ana);
  await page.click('#tab-messages');
  const item = page.locator('#list-messages .conv-item', { hasText: 'DE · de' });
  await item.waitFor({ timeout: 10000 });
  await item.locator('button', { hasText: 'Open' }).click();
  await page.locator('#transcript .msg.visitor.left', { hasText: 'Bitte rufen Sie mich an.' }).waitFor({ timeout: 5000 });
  assert.match(await page.textContent('#transcript'), /kunde@example\.de/);
  assert.match(await item.textContent(), /Bitte rufen Sie mich an\..*contact: kunde@example\.de/);
  assert.equal(await page.isVisible('#btn-csat'), false, 'nobody to rate a left message');
  await page.fill('#reply-text', 'Wir rufen Sie morgen an.');
  await page.click('#reply button[type=submit]');
  await page.locator('#transcript .msg.agent:not(.pending)', { hasText: 'Wir rufen Sie morgen an.' }).waitFor({ timeout: 5000 });
  await page.click('#btn-close');
  await page.locator('#transcript .msg.event', { hasText: 'closed' }).waitFor({ timeout: 5000 });
  await page.waitForFunction(() => document.querySelectorAll('#list-messages .conv-item').length === 0, null, { timeout: 5000 });
  // The visitor sees the answer when they come back.
  await page.click('#btn-logout');

  // Admin (the bootstrap token still works, as "admin"): sees every team and transfers.
  const q = await visitor(relay, { team: 'sales', country: 'IE', locale: 'en', identity: { name: 'Niamh', userId: 'u-7', hash: hmac('u-8') }, transcript: [{ from: 'visitor', text: 'refund please', at: Date.now() }] });
  await page.check('#login-use-token');
  await page.fill('#login-password', TOKEN);
  await page.click('#login button[type=submit]');
  await page.locator('#me-name', { hasText: 'admin' }).waitFor({ timeout: 10000 });
  await page.click('#tab-queue');
  const qi = page.locator('#list-queue .conv-item', { hasText: /IE · en/ });
  await qi.locator('button', { hasText: 'Preview' }).click({ timeout: 10000 });
  await page.click('#btn-transfer');
  await page.check('input[name=transfer-kind][value=agent]');
  await page.fill('#transfer-to', 'ana');
  await page.click('#transfer button[type=submit]');
  const t = await withTimeout(q.client.next('transferred'), 5000, 'visitor told about the transfer');
  assert.equal(t.to.name ?? t.to.agent, 'Ana P.');
  await page.locator('#transcript .msg.event', { hasText: 'transferred by Admin to Ana P.' }).waitFor({ timeout: 5000 });
  // And on to a team: back in that team's queue, the visitor told which.
  await page.click('#btn-transfer');
  await page.check('input[name=transfer-kind][value=team]');
  await page.fill('#transfer-to', 'care');
  await page.click('#transfer button[type=submit]');
  const t2 = await withTimeout(q.client.next((f) => f.type === 'transferred' && f.to?.team), 5000, 'visitor told about the team transfer');
  assert.equal(t2.to.team, 'care');
  await page.locator('#transcript .msg.event', { hasText: 'to team care' }).waitFor({ timeout: 5000 });
  await page.locator('#list-queue .conv-item', { hasText: /team care.*IE · en/ }).waitFor({ timeout: 5000 });
  // A visitor whose identity hash does not match is shown, but not as verified.
  assert.match(await page.textContent('#visitor'), /Niamh unverified/);
  assert.deepEqual(problems(), []);
  await q.client.close();
  await page.close();
});

test('admin: the queue pages ("load more"), accounts are managed from the console', { timeout: 90000, skip }, async () => {
  // More waiting conversations than one page (50): created over the HTTP binding, no sockets kept.
  for (let i = 0; i < 52; i++) {
    const r = await fetch(`${relay.http}/api/conversations`, { method: 'POST', headers: { 'content-type': 'application/json', origin: ORIGIN },
      body: JSON.stringify({ handoff: { transcript: [{ from: 'visitor', text: `question ${i}`, at: Date.now() }], reasons: [], locale: 'en', country: 'NL' } }) });
    assert.equal(r.status, 201);
  }
  const page = await context.newPage();
  const problems = watch(page);
  // The relay's pushes (fresh first pages) cross the agent's page requests; on a loaded machine they
  // did, and the list shrank to a page's tail or flashed "load more". Here they are made to cross.
  let toConsole = null;
  let lastPush = null;         // the latest pushed first page of the queue
  let crossPage = false;       // deliver a push just before the answer to "load more"
  let onPageRequest = null;    // called when the console asks for a page, before the relay sees it
  await page.routeWebSocket(/\/agent$/, (ws) => {
    toConsole = ws;
    const relaySide = ws.connectToServer();
    ws.onMessage(async (m) => {
      const f = JSON.parse(m);
      if (f.type === 'queue_page' && onPageRequest) { const check = onPageRequest; onPageRequest = null; await check(f); }
      relaySide.send(m);
    });
    relaySide.onMessage((m) => {
      const f = JSON.parse(m);
      if (f.type === 'queue' && f.id === undefined) lastPush = m;
      if (f.type === 'queue' && f.before && crossPage && lastPush) { crossPage = false; ws.send(lastPush); }
      ws.send(m);
    });
  });
  await page.goto(`${relay.http}/console/`);
  await page.check('#login-use-token');
  await page.fill('#login-password', TOKEN);
  await page.click('#login button[type=submit]');
  await page.locator('#me-name', { hasText: 'admin' }).waitFor({ timeout: 10000 });
  await page.click('#tab-queue');
  await page.waitForFunction(() => document.querySelectorAll('#list-queue .conv-item').length >= 50, null, { timeout: 10000 });
  const queued = () => page.locator('#list-queue .conv-item', { hasText: 'Accept' }).count();
  assert.equal(await queued(), 50, 'one page of waiting conversations');
  const total = Number((await page.textContent('#count-queue')).replace(/\D/g, ''));
  assert.ok(total >= 52, `the count says how many wait in all (${total})`);
  crossPage = true;
  await page.click('#queue-more');
  await page.waitForFunction((n) => [...document.querySelectorAll('#list-queue .conv-item')].filter((e) => e.textContent.includes('Accept')).length === n,
    total, { timeout: 30000 });  // generous: under a loaded CI machine the page's refreshes queue up
  assert.equal(crossPage, false, 'a push crossed the answer to "load more"');
  assert.equal(await page.isVisible('#queue-more'), false, 'nothing more to load');
  // A push now (a fresh first page): the loaded tail is fetched again, and stays on screen meanwhile.
  const during = new Promise((resolve) => {
    onPageRequest = async () => resolve({ items: await queued(), more: await page.isVisible('#queue-more') });
  });
  toConsole.send(lastPush);
  assert.deepEqual(await withTimeout(during, 10000, 'the console fetches its loaded tail again'), { items: total, more: false },
    'while the tail is fetched again the list keeps it and offers nothing more to load');
  await page.waitForFunction((n) => [...document.querySelectorAll('#list-queue .conv-item')].filter((e) => e.textContent.includes('Accept')).length === n,
    total, { timeout: 30000 });
  assert.equal(await page.isVisible('#queue-more'), false, 'nothing more to load after the refresh');

  // Accounts: add one (the relay generates the password, shown once), it signs in; edit; remove.
  await page.click('#tab-accounts');
  await page.locator('#list-accounts .conv-item', { hasText: 'Ana P.' }).waitFor({ timeout: 5000 });
  await page.fill('#acc-name', 'cara');
  await page.fill('#acc-display', 'Cara N.');
  await page.fill('#acc-teams', 'care');
  await page.fill('#acc-max', '2');
  await page.click('#acc-save');
  const shown = await page.locator('#acc-result', { hasText: 'Password for cara' }).textContent({ timeout: 5000 });
  const password = /Password for cara: (\S+)/.exec(shown)[1];
  await page.locator('#list-accounts .conv-item', { hasText: 'Cara N.' }).waitFor({ timeout: 5000 });
  assert.match(await page.locator('#list-accounts .conv-item', { hasText: 'Cara N.' }).textContent(), /teams care.*max 2 chats/);

  const cara = await context.newPage();
  await cara.goto(`${relay.http}/console/`);
  await signIn(cara, 'cara', password);
  await cara.locator('#me-name', { hasText: 'Cara N.' }).waitFor({ timeout: 10000 });

  await page.click('button[aria-label="Edit account cara"]');
  await page.fill('#acc-display', 'Cara Nunes');
  await page.click('#acc-save');
  await page.locator('#list-accounts .conv-item', { hasText: 'Cara Nunes' }).waitFor({ timeout: 5000 });
  page.once('dialog', (d) => d.accept());
  await page.click('button[aria-label="Remove account cara"]');
  await page.waitForFunction(() => ![...document.querySelectorAll('#list-accounts .conv-item')].some((e) => e.textContent.includes('cara')), null, { timeout: 5000 });
  // A removed account is signed out everywhere.
  await cara.locator('#login').waitFor({ state: 'visible', timeout: 10000 });
  assert.deepEqual(await axe(page), [], 'no axe violations on the accounts tab');
  assert.deepEqual(problems(), []);
  await cara.close();
  await page.close();
});

test('the relay restarts: the console reconnects with its session and the conversation carries on', { timeout: 60000, skip }, async () => {
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(`${relay.http}/console/`);
  await signIn(page, 'ana', PASSWORDS.ana);
  await page.locator('#me-name', { hasText: 'Ana P.' }).waitFor({ timeout: 10000 });
  // Away (the relay remembers the status per account), so Ana takes the visitor by hand.
  if ((await page.textContent('#btn-presence')).includes('online')) await page.click('#btn-presence');
  await page.locator('#btn-presence', { hasText: 'away' }).waitFor({ timeout: 5000 });
  const v = await visitor(relay, { team: 'care', country: 'PT', locale: 'pt', identity: { name: 'Rui' }, transcript: [{ from: 'visitor', text: 'olá', at: Date.now() }] });
  await page.click('#tab-queue');
  await page.locator('#list-queue .conv-item', { hasText: 'Rui' }).locator('button', { hasText: 'Accept' }).click({ timeout: 10000 });
  await page.locator('#list-mine .conv-item', { hasText: 'Rui' }).waitFor({ timeout: 5000 });

  const port = relay.port;
  await relay.stop();
  await page.locator('#status', { hasText: /offline|reconnecting|connecting/ }).waitFor({ timeout: 5000 });
  relay = await startRelay({ db, port, args: ['--conversations-per-minute', '0', '--identity-secret', IDENTITY_SECRET] });
  await page.locator('#status', { hasText: 'signed in as Ana P.' }).waitFor({ timeout: 20000 });
  assert.equal(await page.isVisible('#login'), false, 'the session outlived the restart');
  await page.locator('#list-mine .conv-item', { hasText: 'Rui' }).waitFor({ timeout: 5000 });

  // The visitor comes back too (by its secret) and the two talk on.
  await v.client.terminate();
  const back = await Client.open(relay.url('/visitor'));
  back.send({ type: 'hello', role: 'visitor', conversation: v.conversation, secret: v.secret, lastSeq: 0 });
  await withTimeout(back.next('welcome'), 5000, 'visitor resumes');
  back.send({ type: 'message', id: 'r1', text: 'ainda aí?' });
  await page.locator('#transcript .msg.visitor', { hasText: 'ainda aí?' }).waitFor({ timeout: 10000 });
  await page.fill('#reply-text', 'Sim, estou aqui.');
  await page.press('#reply-text', 'Enter');
  await withTimeout(back.next((f) => f.type === 'message' && f.from === 'agent' && f.text === 'Sim, estou aqui.'), 5000, 'reply after the restart');
  assert.deepEqual(problems(), []);
  await back.close();
  await page.close();
});
