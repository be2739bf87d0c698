#!/usr/bin/env node
// Loading cost of the widget in Chromium, printed (not asserted):
//   - launcher drawn (ms after navigation start)
//   - open -> greeting shown (ms), and the first answer
//   - main-thread long tasks (> 50 ms) while loading, from a PerformanceObserver,
//     and the longest main-thread task of any length from a Chromium trace
//     (tasks Playwright itself runs through DevTools are left out)
//   - requests and bytes the widget fetched
// Usage: node scripts/widget-bench.mjs [--runs 3]   (after scripts/build.sh)
import { launch, serve, chat, say } from '../tests/e2e/browser.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const server = await serve();
const browser = await launch();
const results = [];

// Traces the page's renderer; stop() resolves to the longest task on its main
// thread (ms), leaving out tasks that only ran Playwright's DevTools commands.
async function startTrace(page) {
  const cdp = await browser.context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const complete = new Promise((r) => cdp.on('Tracing.tracingComplete', r));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel', 'ipc', 'mojom', 'devtools.timeline'] } });
  return {
    async stop() {
      await cdp.send('Tracing.end');
      await complete;
      const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
      const onMain = events.filter((e) => e.ph === 'X' && e.pid === main?.pid && e.tid === main?.tid);
      const devtools = onMain.filter((e) => JSON.stringify(e.args ?? {}).includes('DevToolsSession'));
      const tasks = onMain.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask');
      let longest = 0;
      for (const t of tasks) {
        const byPlaywright = devtools.some((d) => d.ts >= t.ts && d.ts < t.ts + t.dur);
        if (!byPlaywright) longest = Math.max(longest, t.dur / 1000);
      }
      await cdp.detach();
      return Math.round(longest);
    },
  };
}
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
    const trace = await startTrace(p);
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
    const longest = await trace.stop();
    const attune = requests.filter((r) => r.url.includes('/attune/'));
    results.push({ launcherMs, greetMs, answerMs, longTasks: long, longest, requests: attune.length, kb: Math.round(attune.reduce((s, r) => s + r.bytes, 0) / 1024) });
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
    await p.goto(server.url, { waitUntil: 'load' });
    await p.waitForTimeout(2500);
    baseline.push(...(await p.evaluate(() => window.__long)));
    await p.close();
  }
} finally {
  await browser.close();
  await server.close();
}
for (const [i, r] of results.entries()) {
  console.log(`run ${i + 1}: launcher at ${r.launcherMs} ms, open->greeting ${r.greetMs} ms, first answer ${r.answerMs} ms ` +
    `(includes the typing indicator's deliberate pause), long tasks ${r.longTasks.length ? r.longTasks.join(', ') + ' ms' : 'none'}, ` +
    `longest main-thread task ${r.longest} ms, ${r.requests} Attune requests, ${r.kb} KB`);
}
const maxLong = Math.max(0, ...results.flatMap((r) => r.longTasks));
const maxTask = Math.max(0, ...results.map((r) => r.longest));
console.log(`long tasks (> 50 ms, PerformanceObserver) while loading: ${maxLong ? 'longest ' + maxLong + ' ms' : 'none'}; ` +
  `longest main-thread task in the trace: ${maxTask} ms (budget 50 ms; the first run compiles the wasm cold)`);
console.log(`baseline, the same page without Attune (attune.js blocked): long tasks ${baseline.length ? baseline.join(', ') + ' ms' : 'none'}` +
  ' (what this machine does anyway; compare before blaming the widget)');
