// Strict CSP: the demo served with default-src 'self'; script-src 'self'
// 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self' and
// require-trusted-types-for 'script' on every response. The widget must load,
// style itself and answer from wasm with no policy violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useBrowser, chat, openChat, say, artifacts } from './browser.mjs';
import { STRICT_CSP } from '../../demo/serve.mjs';

const env = useBrowser({ csp: true });

test('strict CSP + Trusted Types: the widget works with no violation', async () => {
  const p = await env.browser.context.newPage();
  await p.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const consoleCsp = [];
  p.on('console', (m) => {
    if (/Content Security Policy|Trusted Type/i.test(m.text())) consoleCsp.push(m.text());
  });
  const res = await p.goto(env.server.url + 'strict.html');
  assert.equal(res.headers()['content-security-policy'], STRICT_CSP, 'the page really is served with the policy');
  await openChat(p);
  assert.match(await say(p, 'how long does shipping take?'), /working days/);
  // Styles applied through adoptedStyleSheets (a <style> tag would be blocked).
  const bg = await p.evaluate(() => getComputedStyle(document.querySelector('attune-chat').shadowRoot.querySelector('.head')).backgroundColor);
  assert.equal(bg, 'rgb(59, 91, 219)');
  // data- attributes on the tag were read (persist="session").
  await p.waitForFunction(() => Object.keys(sessionStorage).some((k) => k.startsWith('attune:')));
  await p.screenshot({ path: path.join(artifacts, 'csp.png') });
  assert.deepEqual(await p.evaluate(() => window.__violations), []);
  assert.deepEqual(consoleCsp, []);
  await p.close();
});

test('the policy is enforced: an inline script on the same page is blocked', async () => {
  // Guards the test above against a server that silently stopped sending the header.
  const p = await env.browser.context.newPage();
  await p.goto(env.server.url + 'strict.html');
  const ran = await p.evaluate(() => {
    const s = document.createElement('script');
    try {
      s.textContent = 'window.__inline = 1';
    } catch {
      return 'blocked by trusted types';
    }
    document.head.append(s);
    return window.__inline === 1 ? 'ran' : 'blocked';
  });
  assert.notEqual(ran, 'ran');
  await p.close();
});
