// web/channels in a real Chromium page on another origin than the relay: the browser's own
// WebSocket, sessionStorage and fetch (CORS preflight included), a reload that resumes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { startRelay, newAgent, tmpDir, withTimeout, ROOT, HANDOFF, freePort } from './helpers.mjs';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
let chromium = null;
try { ({ chromium } = createRequire(path.join(ROOT, 'package.json'))('playwright-core')); } catch { /* skipped below */ }
const skip = !CHROMIUM ? 'chromium is not installed (apt-get install chromium)' : !chromium ? 'playwright-core is not installed (npm ci at the repo root)' : false;

let relay;
let site;
let siteOrigin;
let dir;
let context;
before(async () => {
  if (skip) return;
  dir = tmpDir();
  // The "site": serves a blank page and web/channels/*.js, from its own origin.
  const port = await freePort();
  siteOrigin = `http://127.0.0.1:${port}`;
  site = http.createServer((req, res) => {
    const m = /^\/channels\/([a-z]+\.js)$/.exec(req.url);
    if (m && fs.existsSync(path.join(ROOT, 'web', 'channels', m[1]))) {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(fs.readFileSync(path.join(ROOT, 'web', 'channels', m[1])));
    } else if (req.url === '/relay/src/protocol.mjs') {
      // The channels take the relay's limits from its own table (limits.js imports it).
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(fs.readFileSync(path.join(ROOT, 'relay', 'src', 'protocol.mjs')));
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>site</title><p>shop</p>');
    } else { res.writeHead(404); res.end(); }
  });
  await new Promise((r) => site.listen(port, '127.0.0.1', r));
  relay = await startRelay({ db: path.join(dir, 'r.db'), args: ['--allow-origin', siteOrigin, '--conversations-per-minute', '0'] });
  context = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
});
after(async () => {
  await context?.close();
  await relay?.stop();
  await new Promise((r) => (site ? site.close(r) : r()));
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// Runs in the page: open a channel, record its events on window.log.
async function openChannel(page, config, handoff) {
  return page.evaluate(async ({ config, handoff }) => {
    const { createChannel } = await import('/channels/index.js');
    window.log = [];
    window.ch = createChannel(config);
    for (const ev of ['status', 'agent_joined', 'message', 'typing', 'no_agent', 'closed', 'csat_request']) {
      window.ch.on(ev, (d) => window.log.push({ ev, ...d }));
    }
    return window.ch.connect(handoff);
  }, { config, handoff });
}
const waitLog = (page, pred, what) => withTimeout(page.waitForFunction(pred, null, { timeout: 8000 }), 9000, what);

test('websocket channel in the browser: messages both ways, then a reload resumes the conversation', { timeout: 40000, skip }, async () => {
  const page = await context.newPage();
  await page.goto(`${siteOrigin}/`);
  const config = { type: 'websocket', url: relay.url('/visitor') };
  const opened = await openChannel(page, config, HANDOFF);
  assert.equal(opened.resumed, false);
  const agent = await newAgent(relay, 'Ana');
  agent.send({ type: 'accept', conversation: opened.conversation });
  await waitLog(page, () => window.log.some((x) => x.ev === 'agent_joined'), 'agent joined');
  const { id } = await page.evaluate(() => window.ch.send('hello from a real browser', { suggestions: ['Hi!'] }));
  assert.equal((await agent.next((f) => f.type === 'message' && f.id === id)).text, 'hello from a real browser');
  agent.send({ type: 'message', conversation: opened.conversation, id: 'b1', text: '<b>not bold</b>' });
  await waitLog(page, () => window.log.some((x) => x.ev === 'message' && x.id === 'b1'), 'agent message');

  await page.reload();
  agent.send({ type: 'message', conversation: opened.conversation, id: 'b2', text: 'sent during the reload' });
  await agent.next((f) => f.type === 'ack' && f.id === 'b2');
  const again = await openChannel(page, config, HANDOFF);
  assert.deepEqual([again.resumed, again.conversation], [true, opened.conversation]);
  await waitLog(page, () => window.log.some((x) => x.ev === 'message' && x.id === 'b2'), 'missed message after reload');
  const messages = await page.evaluate(() => window.log.filter((x) => x.ev === 'message').map((x) => x.id));
  assert.deepEqual(messages, ['b2'], 'b1, seen before the reload, is not shown again');
  await page.evaluate(() => window.ch.close());
  assert.equal((await agent.next('closed')).reason, 'visitor_left');
  await agent.close();
  await page.close();
});

for (const events of ['sse', 'poll']) {
  test(`webhook channel (${events}) in the browser, cross-origin with CORS preflight`, { timeout: 30000, skip }, async () => {
    const page = await context.newPage();
    await page.goto(`${siteOrigin}/`);
    const opened = await openChannel(page, { type: 'webhook', url: `${relay.http}/api/conversations`, events, pollMs: 200 }, HANDOFF);
    const agent = await newAgent(relay, 'Wes');
    agent.send({ type: 'accept', conversation: opened.conversation });
    await waitLog(page, () => window.log.some((x) => x.ev === 'agent_joined'), 'agent joined');
    const { id } = await page.evaluate(() => window.ch.send('hello over http from a browser'));
    assert.equal((await agent.next((f) => f.type === 'message' && f.id === id)).text, 'hello over http from a browser');
    agent.send({ type: 'message', conversation: opened.conversation, id: `h-${events}`, text: 'hello back' });
    await waitLog(page, () => window.log.some((x) => x.ev === 'message' && x.text === 'hello back'), 'agent message');
    await page.evaluate(() => window.ch.close());
    await agent.close();
    await page.close();
  });
}
