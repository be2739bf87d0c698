// Privacy mode's local review (review: 'local', no channel): the widget keeps
// redacted review records in this browser, the local review page
// (dist/review.html) shows them, exports them in the format `attune tune`
// reads and deletes them, and nothing is sent anywhere: the network log holds
// only GETs of the page's own files and Attune's static files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { useBrowser, openChat, say, root, artifacts, watchErrors } from './browser.mjs';
import { parseReviewExport } from '../../web/review/format.js';

const env = useBrowser();

const page = (settings) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script>window.AttuneSettings = ${JSON.stringify(settings)};</script><script src="/attune/attune.js" async></script></head><body></body></html>`;

/** Every request of the context (pages and workers), with its method. */
function networkLog(context) {
  const log = [];
  context.on('request', (r) => log.push({ url: r.url(), method: r.method() }));
  return log;
}

const readStore = (p) => p.evaluate(() => localStorage.getItem('attune:review'));

test("review: 'local' keeps redacted records in the browser, the review page exports and deletes them, and nothing is sent", async () => {
  const { context } = env.browser;
  const requests = networkLog(context);
  const sockets = [];
  const p = await context.newPage();
  p.on('websocket', (ws) => sockets.push(ws.url()));
  await p.route('**/review-site.html', (r) => r.fulfill({ contentType: 'text/html', body: page({ review: 'local' }) }));
  await p.goto(env.server.url + 'review-site.html');
  await openChat(p);
  await say(p, 'where is my order? my email is ana@example.com');
  await say(p, 'this is ridiculous, it has been three weeks and nobody answers');
  await p.waitForFunction(() => (JSON.parse(localStorage.getItem('attune:review') ?? '{}').conversations?.[0]?.turns.length ?? 0) >= 2, null, { timeout: 15000 });
  const stored = await readStore(p);
  assert.ok(!stored.includes('ana@example.com'), 'only redacted text is kept');
  assert.match(stored, /my email is \[email\]/);

  // A reviewer's verdict (the review view's job; written straight into the store here).
  await p.evaluate(() => {
    const data = JSON.parse(localStorage.getItem('attune:review'));
    data.conversations[0].verdict = { kind: 'late', turn: 1, by: 'local' };
    localStorage.setItem('attune:review', JSON.stringify(data));
  });

  // The review page, served next to the widget (same origin, same localStorage).
  const review = await context.newPage();
  review.on('websocket', (ws) => sockets.push(ws.url()));
  await review.goto(env.server.url + 'attune/review.html');
  const errors = watchErrors(review);
  await review.locator('#summary').filter({ hasText: '1 conversation' }).waitFor({ timeout: 15000 });
  // The console's review view draws the records, when the build has it (relay/console/review-view.js).
  if (existsSync(path.join(root, 'dist/review-view.js'))) {
    await review.locator('#view .rv h1').waitFor({ timeout: 15000 });
    await review.screenshot({ path: path.join(artifacts, 'review-local.png'), fullPage: true });
  }
  assert.deepEqual(errors, []);
  const [download] = await Promise.all([review.waitForEvent('download'), review.click('#export')]);
  const exported = parseReviewExport(JSON.parse(readFileSync(await download.path(), 'utf8')));
  const [conv] = exported.conversations;
  assert.equal(exported.conversations.length, 1);
  assert.equal(conv.pack, 'ecommerce-en');
  assert.deepEqual(conv.turns.map((t) => t.text), ['where is my order? my email is [email]', 'this is ridiculous, it has been three weeks and nobody answers']);
  assert.ok(conv.turns.every((t) => typeof t.distress === 'number' && typeof t.handoff === 'boolean'));
  // What the page exports is what attune tune reads.
  const tune = spawnSync(process.execPath, [path.join(root, 'dist/attune-cli.mjs'), 'tune', '--reviews', await download.path(),
    '--pack', path.join(root, 'packs/ecommerce.en.json'), '--no-model', '--only', 'threshold', '--json'], { encoding: 'utf8', timeout: 60000 });
  assert.equal(tune.status, 0, tune.stderr);
  assert.equal(JSON.parse(tune.stdout).conversations.late, 1);

  review.once('dialog', (d) => d.accept());
  await review.click('#delete');
  await review.locator('#summary').filter({ hasText: 'No review records' }).waitFor();
  assert.equal(await readStore(review), null);
  assert.ok(await review.locator('#export').isDisabled());

  await p.waitForTimeout(500);
  const origin = new URL(env.server.url).origin;
  const ownFiles = /^\/(review-site\.html|favicon\.(svg|ico)|attune\/.+)$/;
  const bad = requests.filter((r) => {
    const u = new URL(r.url);
    if (u.protocol === 'blob:' || u.protocol === 'data:') return false;
    return u.origin !== origin || r.method !== 'GET' || !ownFiles.test(u.pathname);
  });
  assert.deepEqual(bad, [], 'no request but GETs of the page\'s own files');
  assert.deepEqual(sockets, []);
  assert.ok(requests.some((r) => r.url.endsWith('/attune/review.js')) && requests.some((r) => r.url.endsWith('/attune/attune-core.wasm')), 'the log did record the loads');
  await review.close();
  await p.close();
});

test('without the setting nothing is kept for review', async () => {
  const p = await env.browser.context.newPage();
  await p.route('**/plain-site.html', (r) => r.fulfill({ contentType: 'text/html', body: page({}) }));
  await p.goto(env.server.url + 'plain-site.html');
  await p.evaluate(() => localStorage.removeItem('attune:review')); // whatever an earlier test left
  await openChat(p);
  await say(p, 'this is ridiculous, where is my order');
  await p.waitForTimeout(500);
  assert.equal(await readStore(p), null);
  await p.close();
});
