#!/usr/bin/env node
// Loading cost of the widget in Chromium, printed (not asserted):
//   - launcher drawn (ms after navigation start)
//   - open -> greeting shown (ms), and the first answer
//   - main-thread long tasks (> 50 ms) while loading, from a PerformanceObserver
//   - requests and bytes the widget fetched
// Usage: node scripts/widget-bench.mjs [--runs 3] [--cpu-slowdown 4]   (after scripts/build.sh)
//   --cpu-slowdown N: Chromium's CPU throttling (DevTools), a mid-range phone is ~4.
//   At 4x the one widget task over 50 ms is the page's first Intl formatter
//   (ICU start-up, ~16 ms at 1x, paid once per page by whoever uses Intl
//   first; the widget pays it while idle, for its timestamps).
import { launch, serve, chat, say } from '../tests/e2e/browser.mjs';

const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const runs = arg('--runs', 3);
const slowdown = arg('--cpu-slowdown', 1);
const throttle = async (page) => {
  if (slowdown > 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
};
const server = await serve();
const browser = await launch();
const results = [];
try {
  for (let i = 0; i < runs; i++) {
    const p = await browser.context.newPage();
    const requests = [];
    p.on('requestfinished', async (r) => {
      const s = await r.sizes().catch(() => null);
      requests.push({ url: r.url(), bytes: s ? s.responseBodySize : 0 });
    });
    await p.addInitScript(() => {
      window.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push(Math.round(e.duration));
      }).observe({ type: 'longtask', buffered: true });
    });
    await throttle(p);
    await p.goto(server.url, { waitUntil: 'load' });
    await chat(p).launcher.waitFor();
    const launcherMs = await p.evaluate(() => Math.round(performance.now()));
    const t0 = Date.now();
    await chat(p).launcher.click();
    await chat(p).bot.first().waitFor({ timeout: 30000 });
    const greetMs = Date.now() - t0;
    const t1 = Date.now();
    await say(p, 'where is my order?');
    const answerMs = Date.now() - t1;
    await p.waitForTimeout(500);
    const long = await p.evaluate(() => window.__long);
    const attune = requests.filter((r) => r.url.includes('/attune/'));
    results.push({ launcherMs, greetMs, answerMs, longTasks: long, requests: attune.length, kb: Math.round(attune.reduce((s, r) => s + r.bytes, 0) / 1024) });
    await p.close();
  }
  // Baseline: the demo page with the loader blocked, same observer and waits.
  var baseline = [];
  for (let i = 0; i < runs; i++) {
    const p = await browser.context.newPage();
    await p.route('**/attune/attune.js', (r) => r.fulfill({ status: 404, body: '' }));
    await p.addInitScript(() => {
      window.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push(Math.round(e.duration));
      }).observe({ type: 'longtask', buffered: true });
    });
    await throttle(p);
    await p.goto(server.url, { waitUntil: 'load' });
    await p.waitForTimeout(2500);
    baseline.push(...(await p.evaluate(() => window.__long)));
    await p.close();
  }
} finally {
  await browser.close();
  await server.close();
}
if (slowdown > 1) console.log(`CPU slowed down ${slowdown}x (Chromium throttling)`);
for (const [i, r] of results.entries()) {
  console.log(`run ${i + 1}: launcher at ${r.launcherMs} ms, open->greeting ${r.greetMs} ms, first answer ${r.answerMs} ms ` +
    `(with the typing indicator's deliberate pause), ` +
    `long tasks ${r.longTasks.length ? r.longTasks.join(', ') + ' ms' : 'none'}, ${r.requests} Attune requests, ${r.kb} KB`);
}
const maxLong = Math.max(0, ...results.flatMap((r) => r.longTasks));
console.log(`main-thread tasks over 50 ms while loading (PerformanceObserver 'longtask', page load to first answer): ` +
  `${maxLong ? 'longest ' + maxLong + ' ms' : 'none'} (budget: none over 50 ms; the first run compiles the wasm cold)`);
console.log(`baseline, the same page without Attune (attune.js blocked): long tasks ${baseline.length ? baseline.join(', ') + ' ms' : 'none'}` +
  ' (what this machine does anyway; compare before blaming the widget)');
