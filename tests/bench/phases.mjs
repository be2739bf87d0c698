#!/usr/bin/env node
// What a visitor downloads and waits for, phase by phase, in Chromium, with
// the peers' published figures beside it. Printed, never asserted.
//
//   page   the host page loads and goes idle (the loader draws the launcher;
//          the widget may preload on idle)
//   open   the visitor clicks the launcher until the greeting shows
//   reply  the first message until the bot's answer shows
//   later  what arrives in the next seconds (the emotion model and ORT)
//
// Bytes are as transferred (the demo server sends the build's .br twins, as
// a site following the README would). Each row is run at 1x CPU on the
// loopback network, at 4x CPU slowdown (a mid-range phone), and on a 3G-like
// network (DevTools' "Fast 3G": 562.5 ms latency, 1.44 Mbit/s down).
//   node tests/bench/phases.mjs [--runs 2] [--later-ms 8000]
import { launch, serve, chat, say } from '../e2e/browser.mjs';

const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const runs = arg('--runs', 2);
const laterMs = arg('--later-ms', 8000);

// Whole-widget downloads of the peers before a first answer, as measured and
// published in issue 17 (gzip, their own sites' embed).
const PEERS = [['Crisp', 130], ['Chatwoot', 196], ['Typebot', 196], ['Botpress', 234]];
const PROFILES = [
  { name: '1x CPU, loopback', cpu: 1, net: null },
  { name: '4x CPU, loopback', cpu: 4, net: null },
  { name: '1x CPU, Fast 3G', cpu: 1, net: { offline: false, latency: 562.5, downloadThroughput: (1.44e6 / 8), uploadThroughput: (675e3 / 8) } },
];

async function once(server, profile) {
  const browser = await launch();  // a fresh profile: nothing cached from another run
  const page = await browser.context.newPage();
  const cdp = await page.context().newCDPSession(page);
  if (profile.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  if (profile.net) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', profile.net);
  }
  let phase = 'page';
  const bytes = { page: 0, open: 0, reply: 0, later: 0 };
  const pending = [];
  page.on('requestfinished', (r) => {
    if (!r.url().includes('/attune/')) return;
    const at = phase;  // the phase the download finished in
    pending.push(r.sizes().then((s) => { bytes[at] += s.responseBodySize + s.responseHeadersSize; }, () => {}));
  });
  const t0 = Date.now();
  await page.goto(server.url, { waitUntil: 'load' });
  await chat(page).launcher.waitFor();
  const launcherMs = Date.now() - t0;
  await page.waitForTimeout(3000);  // idle: whatever the widget preloads
  phase = 'open';
  const t1 = Date.now();
  await chat(page).launcher.click();
  await chat(page).bot.first().waitFor({ timeout: 60000 });
  const openMs = Date.now() - t1;
  phase = 'reply';
  const t2 = Date.now();
  await say(page, 'where is my order?');
  const replyMs = Date.now() - t2;
  phase = 'later';
  await page.waitForTimeout(laterMs);
  await Promise.all(pending);
  await browser.close();
  return { launcherMs, openMs, replyMs, bytes };
}

const server = await serve();
const kb = (n) => (n / 1024).toFixed(1).padStart(8);
try {
  console.log('phase bytes are Attune\'s files as transferred (KB); times in ms (the answer includes the typing indicator\'s deliberate pause)');
  console.log('profile'.padEnd(20) + 'launcher'.padStart(9) + 'open'.padStart(7) + 'reply'.padStart(7) + ' |' + 'page'.padStart(8) + 'open'.padStart(8) + 'reply'.padStart(8) + 'later'.padStart(8) + ' | to first answer');
  for (const profile of PROFILES) {
    for (let i = 0; i < runs; i++) {
      const r = await once(server, profile);
      const first = r.bytes.page + r.bytes.open + r.bytes.reply;
      console.log(profile.name.padEnd(20) + String(r.launcherMs).padStart(9) + String(r.openMs).padStart(7) + String(r.replyMs).padStart(7) +
        ' |' + kb(r.bytes.page) + kb(r.bytes.open) + kb(r.bytes.reply) + kb(r.bytes.later) + ' | ' + kb(first).trim() + ' KB');
      if (profile.name.startsWith('1x CPU, loopback') && i === runs - 1) {
        console.log('  peers, whole widget to a first answer (KB gzip): ' +
          PEERS.map(([n, k]) => `${n} ${k} (Attune ${(first / 1024 / k).toFixed(2)}x)`).join(', '));
      }
    }
  }
} finally {
  await server.close();
}
