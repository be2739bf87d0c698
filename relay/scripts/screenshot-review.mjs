#!/usr/bin/env node
// Screenshots of the review page for the docs: seeds a fresh relay store (seed-review.mjs), starts
// the relay on it, signs in as the seeded admin in Chromium and saves docs/screenshots/review-*.png.
//   node relay/scripts/screenshot-review.mjs [--out docs/screenshots] [--end 2026-12-02]
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values: args } = parseArgs({ options: { out: { type: 'string', default: path.join(ROOT, 'docs', 'screenshots') }, end: { type: 'string', default: '2026-12-02' } } });
const { chromium } = createRequire(path.join(ROOT, 'package.json'))('playwright-core');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-review-shots-'));
const db = path.join(dir, 'r.db');
const seeded = spawnSync(process.execPath, [path.join(ROOT, 'relay/scripts/seed-review.mjs'), '--db', db, '--end', args.end], { encoding: 'utf8' });
if (seeded.status !== 0) throw new Error(seeded.stderr);
const relay = spawn(process.execPath, [path.join(ROOT, 'relay/server.mjs'), '--port', '0', '--db', db, '--allow-origin', '*'], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve) => { let b = ''; relay.stdout.on('data', (d) => { b += d; const l = b.split('\n').find((x) => x.includes('"listening"')); if (l) resolve(JSON.parse(l).port); }); });
const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: '/usr/bin/chromium', viewport: { width: 1320, height: 900 },
  deviceScaleFactor: 1, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
try {
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/console/`);
  await page.fill('#login-account', 'lea');
  await page.fill('#login-password', 'review-demo-password');
  await page.click('#login button[type=submit]');
  await page.locator('#btn-review').waitFor({ state: 'visible', timeout: 15000 });
  await page.click('#btn-review');
  await page.locator('#review-page h1').waitFor({ timeout: 20000 });
  fs.mkdirSync(args.out, { recursive: true });
  const shot = async (name, locator) => { await (locator ?? page).screenshot({ path: path.join(args.out, `review-${name}.png`), ...(locator ? {} : { fullPage: false }) }); console.log(`review-${name}.png`); };
  await shot('overview');
  await shot('verdicts-csat', page.locator('.rv-cols'));
  const g = page.locator('.rv-group').first();
  await g.locator('summary').click();
  await shot('not-understood', page.locator('section[aria-labelledby=rv-h-groups]'));
  await shot('ended-badly', page.locator('section[aria-labelledby=rv-h-bad]'));
  await page.locator('select[name=language]').selectOption('es');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForTimeout(1500);
  await shot('filtered-es');
} finally {
  await context.close();
  relay.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
}
