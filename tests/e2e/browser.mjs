// Shared by the e2e tests: Debian's Chromium through playwright-core (a
// fresh profile, no sandbox as root, no background networking: this machine
// refuses outside connections) and the demo server on an ephemeral port.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startServer } from '../../demo/serve.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = path.join(root, 'tests/artifacts');
mkdirSync(artifacts, { recursive: true });

/** Launches Chromium with a fresh profile; returns {context, close}. */
export async function launch(options = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'attune-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 860 },
    ...options,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The demo server on a free port (optionally with the strict CSP on every response). */
export const serve = (options = {}) => startServer({ port: 0, ...options });

/**
 * One demo server and one Chromium for a whole test file: registers the
 * file's before/after hooks and returns {browser, server}, filled in once the
 * tests run (each test opens its own page in env.browser.context).
 */
export function useBrowser(serveOptions = {}) {
  const env = { browser: null, server: null };
  before(async () => {
    env.server = await serve(serveOptions);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Collects console errors and page errors, for tests that must see none. */
export function watchErrors(page) {
  const errors = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Locators inside <attune-chat>'s (open) shadow root: Playwright pierces it with CSS. */
export const chat = (page) => ({
  launcher: page.locator('attune-chat .launcher'),
  panel: page.locator('attune-chat .panel'),
  input: page.locator('attune-chat textarea#attune-input'),
  messages: page.locator('attune-chat .msg:not(.typing)'),
  bot: page.locator('attune-chat .msg.bot .bubble'),
  chips: page.locator('attune-chat .chip'),
});

/** Opens the widget with the launcher and waits for the greeting. */
export async function openChat(page) {
  const c = chat(page);
  await c.launcher.click();
  await c.bot.first().waitFor({ timeout: 45000 });
  return c;
}

/** Types a message and waits for the next bot (or system) answer; returns its text. */
export async function say(page, text) {
  const c = chat(page);
  const before = await c.messages.count();
  await c.input.fill(text);
  await c.input.press('Enter');
  await page.waitForFunction((n) => {
    const log = document.querySelector('attune-chat').shadowRoot.querySelectorAll('.msg:not(.typing)');
    return log.length >= n + 2;
  }, before, { timeout: 30000 });
  return c.messages.nth(before + 1).innerText();
}
