// One page in Debian's Chromium for the benchmarks: a static server for the
// given files (url -> [bytes, content-type]) on loopback and a fresh browser
// profile (no background networking, which this network refuses; no sandbox, since tests run as root).
//   const page = await openBenchPage(files); ... await page.close();
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export async function openBenchPage(files) {
  const { chromium } = await import('playwright-core');
  const server = createServer((req, res) => {
    const f = files[req.url];
    if (!f) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': f[1] });
    res.end(f[0]);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const ctx = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'attune-chromium-')), {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await ctx.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  page.closeAll = async () => {
    await ctx.close();
    server.close();
  };
  return page;
}
