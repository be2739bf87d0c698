// axe-core (npm) in Chromium on the demo page with the widget closed, open
// mid-conversation, in dark mode, in Arabic, and with a card (CSAT) showing:
// no violations. axe walks open shadow roots, so the widget's DOM is checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useBrowser, openChat, say, root } from './browser.mjs';

const AXE = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
const env = useBrowser();

async function axe(p) {
  if (!(await p.evaluate(() => !!window.axe))) await p.addScriptTag({ content: AXE });
  const result = await p.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe: closed, open mid-conversation, dark, Arabic, CSAT card', async () => {
  const p = await env.browser.context.newPage();
  await p.goto(env.server.url);
  await p.locator('attune-chat .launcher').waitFor();
  assert.deepEqual(await axe(p), [], 'closed');
  await openChat(p);
  await say(p, 'where is my order?');
  assert.deepEqual(await axe(p), [], 'open');
  await p.evaluate(() => Attune.element.setAttribute('theme', 'dark'));
  assert.deepEqual(await axe(p), [], 'dark');
  await p.evaluate(() => Attune.element.setAttribute('theme', 'light'));
  await say(p, 'bye');
  await p.locator('attune-chat .csat').waitFor();
  assert.deepEqual(await axe(p), [], 'csat card');
  await p.evaluate(() => Attune('setLocale', 'ar'));
  await p.waitForFunction(() => document.querySelector('attune-chat').getAttribute('dir') === 'rtl');
  assert.deepEqual(await axe(p), [], 'arabic');
  await p.close();
});

test('a live region announces new bot messages', async () => {
  const p = await env.browser.context.newPage();
  await p.goto(env.server.url);
  await openChat(p);
  await say(p, 'how long does shipping take?');
  const live = p.locator('attune-chat [role=status][aria-live=polite]');
  await p.waitForFunction(() => /working days/.test(document.querySelector('attune-chat').shadowRoot.querySelector('[role=status]').textContent));
  assert.match(await live.textContent(), /^Assistant: Standard delivery/);
  await p.close();
});
