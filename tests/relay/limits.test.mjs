// Business hours and the per-address limit on new conversations, on a relay configured for them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import { startRelay, Client, newVisitor, newAgent, tmpDir, withTimeout } from './helpers.mjs';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
let relay;
let dir;
before(async () => {
  dir = tmpDir();
  const otherDay = DAYS[(new Date().getUTCDay() + 3) % 7]; // never today, whatever the clock says
  relay = await startRelay({ db: path.join(dir, 'r.db'), args: ['--hours', `${otherDay} 00:00-23:59 UTC`, '--conversations-per-minute', '2'] });
});
after(async () => { await relay?.stop(); fs.rmSync(dir, { recursive: true, force: true }); });

test('outside business hours a visitor is told no_agent closed_hours even with an agent online', { timeout: 10000 }, async () => {
  const agent = await newAgent(relay);
  const v = await newVisitor(relay);
  assert.deepEqual(await v.client.next('no_agent'), { type: 'no_agent', reason: 'closed_hours' });
  await v.client.close();
  await agent.close();
});

test('a third new conversation from one address within a minute is refused', { timeout: 10000 }, async () => {
  const v2 = await newVisitor(relay);
  const c = await Client.open(relay.url('/visitor'));
  c.send({ type: 'hello', role: 'visitor', handoff: { transcript: [] } });
  const e = await c.next('error');
  assert.equal(e.code, 'rate_limited');
  assert.equal((await withTimeout(c.closed, 3000, 'close')).code, 4429);
  await v2.client.close();
});
