// Agent accounts end to end: the CLI manages them in the relay's store, agents sign in as
// themselves, sessions survive a reload and a second tab (same agent id, same conversations),
// logout ends a session, wrong credentials are refused and limited per address, the bootstrap
// admin and the legacy shared token still work, admins manage accounts from the console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import Database from '../../relay/node_modules/better-sqlite3/lib/index.js';
import { startRelay, Client, newVisitor, newAgent, tmpDir, withTimeout, cli, addAccount, signIn, TOKEN } from './helpers.mjs';
import { SqliteStore } from '../../relay/src/store-sqlite.mjs';
import { verifySecret, SESSION_IDLE_MS } from '../../relay/src/accounts.mjs';

let dir;
let db;
let relay;
let where;
const pw = {};
before(async () => {
  dir = tmpDir();
  db = path.join(dir, 'r.db');
  where = ['--db', db];
  pw.ana = addAccount(where, 'ana', { teams: 'care', display: 'Ana P.' });
  pw.bob = addAccount(where, 'bob', { teams: 'sales', maxChats: 0 });
  pw.root = addAccount(where, 'root', { role: 'admin' });
  relay = await startRelay({ db, args: ['--conversations-per-minute', '0', '--login-attempts', '100'] });
});
after(async () => { await relay?.stop(); fs.rmSync(dir, { recursive: true, force: true }); });

test('CLI: add prints a generated password once, list never shows a secret, set/passwd/remove; secrets are salted scrypt', { timeout: 30000 }, async () => {
  const d = path.join(dir, 'cli.db');
  const add = cli(['--db', d, 'accounts', 'add', 'cy', '--teams', 'care,sales', '--max-chats', '2', '--display', 'Cy R.']);
  assert.equal(add.status, 0, add.stderr);
  const generated = /password for cy: (\S+)/.exec(add.stdout)[1];
  assert.ok(generated.length >= 20);
  assert.equal(cli(['--db', d, 'accounts', 'add', 'cy']).status, 1, 'an existing name is refused');
  assert.match(cli(['--db', d, 'accounts', 'add', 'bad name']).stderr, /account name must be 1-64 characters/);
  for (const n of ['twin1', 'twin2']) assert.equal(cli(['--db', d, 'accounts', 'add', n, '--password-stdin'], 'same-password-123\n').status, 0);
  assert.equal(cli(['--db', d, 'accounts', 'add', 'short', '--password-stdin'], 'short\n').status, 1, 'passwords of at least 10 characters');
  const list = JSON.parse(cli(['--db', d, 'accounts', 'list', '--json']).stdout);
  assert.deepEqual(list.map((a) => [a.name, a.role, a.teams.join(','), a.maxChats, a.display]),
    [['cy', 'agent', 'care,sales', 2, 'Cy R.'], ['twin1', 'agent', '', 3, 'twin1'], ['twin2', 'agent', '', 3, 'twin2']]);
  assert.ok(list.every((a) => a.secret === undefined));
  assert.equal(cli(['--db', d, 'accounts', 'set', 'cy', '--role', 'admin', '--max-chats', '5']).status, 0);
  const raw = new Database(d, { readonly: true });
  const rows = Object.fromEntries(raw.prepare('SELECT name, role, max_chats, secret FROM accounts').all().map((r) => [r.name, r]));
  raw.close();
  assert.deepEqual([rows.cy.role, rows.cy.max_chats], ['admin', 5]);
  assert.match(rows.twin1.secret, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.notEqual(rows.twin1.secret, rows.twin2.secret, 'the same password hashes differently (per-account salt)');
  assert.ok(!JSON.stringify(rows).includes('same-password-123'));
  assert.equal(await verifySecret('same-password-123', rows.twin1.secret), true);
  assert.equal(await verifySecret('same-password-124', rows.twin1.secret), false);
  assert.equal(await verifySecret(generated, rows.cy.secret), true);
  const pass = cli(['--db', d, 'accounts', 'passwd', 'twin1']);
  assert.match(pass.stdout, /password for twin1: \S+/);
  assert.equal(cli(['--db', d, 'accounts', 'remove', 'twin2']).status, 0);
  assert.equal(cli(['--db', d, 'accounts', 'remove', 'twin2']).status, 1);
  assert.deepEqual(JSON.parse(cli(['--db', d, 'accounts', 'list', '--json']).stdout).map((a) => a.name), ['cy', 'twin1']);
});

test('an agent signs in as themself; a second tab and a reload resume the same agent and conversations', { timeout: 20000 }, async () => {
  const { client: tab1, welcome } = await signIn(relay, 'ana', pw.ana);
  assert.deepEqual(welcome.agent, { id: 'ana', name: 'Ana P.', role: 'agent', teams: ['care'], maxChats: 3 });
  assert.match(welcome.session, /^[A-Za-z0-9_-]{32,}$/);
  const v = await newVisitor(relay, { transcript: [], team: 'care' });
  // Ana is the only agent of care with room: the conversation is assigned to her.
  const assigned = await tab1.next((f) => f.type === 'assigned' && f.conversation === v.conversation, 'auto-assigned to ana');
  assert.equal(assigned.reason, 'auto');
  await v.client.next('agent_joined');

  const { client: tab2, welcome: w2 } = await signIn(relay, null, null, { session: welcome.session });
  assert.equal(w2.agent.id, 'ana');
  assert.equal(w2.session, welcome.session);
  const q = await tab2.next('queue');
  assert.deepEqual(q.assigned.map((c) => c.conversation), [v.conversation], 'the second tab lists her conversation');
  tab2.send({ type: 'message', conversation: v.conversation, id: 'from-tab2', text: 'hello from my other tab' });
  await tab2.next((f) => f.type === 'ack' && f.id === 'from-tab2');
  await v.client.next((f) => f.type === 'message' && f.id === 'from-tab2');

  // A reload: both tabs close, a new socket resumes the session and may still reply and close.
  await tab1.close();
  await tab2.close();
  const { client: again } = await signIn(relay, null, null, { session: welcome.session });
  again.send({ type: 'open', conversation: v.conversation, lastSeq: 0 });
  await again.next((f) => f.type === 'message' && f.id === 'from-tab2', 'transcript after reload');
  again.send({ type: 'close', conversation: v.conversation, id: 'x1' });
  await again.next((f) => f.type === 'ack' && f.id === 'x1');
  assert.equal((await v.client.next('closed')).reason, 'returned_to_bot');

  // Logout ends the session for every socket using it.
  const { client: other } = await signIn(relay, null, null, { session: welcome.session });
  again.send({ type: 'logout' });
  await again.next('logged_out');
  await withTimeout(other.closed, 3000, 'the other tab is signed out too');
  await assert.rejects(signIn(relay, null, null, { session: welcome.session }), { code: 'bad_credentials' });
  await v.client.close();
});

test('wrong credentials: bad_credentials and 4401; after 3 failures from one address even a right password waits', { timeout: 20000 }, async () => {
  const relay = await startRelay({ db, args: ['--login-attempts', '3'] });
  try {
  const wrong = await Client.open(relay.url('/agent'), { origin: null });
  wrong.send({ type: 'hello', role: 'agent', account: 'ana', password: 'not-the-password' });
  assert.equal((await wrong.next('error')).code, 'bad_credentials');
  assert.equal((await withTimeout(wrong.closed, 3000, 'close')).code, 4401);
  await assert.rejects(signIn(relay, 'nobody', 'whatever-password'), { code: 'bad_credentials' });
  await assert.rejects(signIn(relay, null, null, { session: 'x'.repeat(43) }), { code: 'bad_credentials' });
  const blocked = await Client.open(relay.url('/agent'), { origin: null });
  blocked.send({ type: 'hello', role: 'agent', account: 'ana', password: pw.ana });
  const e = await blocked.next('error');
  assert.equal(e.code, 'rate_limited');
  assert.ok(e.retryAfterMs > 0);
  assert.equal((await withTimeout(blocked.closed, 3000, 'close')).code, 4429);
  } finally { await relay.stop(); }
});

test('sessions end after 12 h idle; touching one keeps it (store level, no waiting)', async () => {
  const d = path.join(dir, 'sess.db');
  const s = new SqliteStore(d);
  try {
    await s.createSession('k1', 'ana', { id: 'ana' }, 1000, SESSION_IDLE_MS);
    assert.equal((await s.getSession('k1', 1000 + SESSION_IDLE_MS - 1, SESSION_IDLE_MS)).account, 'ana');
    assert.equal(await s.getSession('k1', 1000 + SESSION_IDLE_MS + 1, SESSION_IDLE_MS), null);
    await s.touchSessions(['k1'], 1000 + SESSION_IDLE_MS, SESSION_IDLE_MS);
    assert.equal((await s.getSession('k1', 1000 + 2 * SESSION_IDLE_MS - 1, SESSION_IDLE_MS)).account, 'ana');
  } finally { await s.close(); }
});

test('bootstrap admin (account "admin" + --agent-token) and the legacy shared token still sign in', { timeout: 10000 }, async () => {
  const a = await Client.open(relay.url('/agent'), { origin: null });
  a.send({ type: 'hello', role: 'agent', account: 'admin', token: TOKEN });
  const w = await a.next('welcome');
  assert.deepEqual(w.agent, { id: 'admin', name: 'Admin', role: 'admin', teams: [], maxChats: 0 });
  assert.ok(w.session);
  // A session from the token ends when the relay's token changes.
  const rotated = await startRelay({ db, args: ['--agent-token', 'another-token-123'] });
  try {
    await assert.rejects(signIn(rotated, null, null, { session: w.session }), { code: 'bad_credentials' });
  } finally { await rotated.stop(); }
  const legacy = await newAgent(relay, 'Old Console');
  assert.ok((await legacy.next('queue')).conversations, 'a legacy console still gets its `conversations` list');
  await Promise.all([a.close(), legacy.close()]);
});

test('admins manage accounts from the console; agents may not; a removed account is signed out', { timeout: 20000 }, async () => {
  const { client: root } = await signIn(relay, 'root', pw.root);
  root.send({ type: 'account_upsert', id: 'u1', account: { name: 'dee', role: 'agent', teams: ['care'], maxChats: 2, display: 'Dee' } });
  const made = await root.next((f) => f.type === 'account' && f.id === 'u1');
  assert.deepEqual([made.account.name, made.account.maxChats, made.account.teams], ['dee', 2, ['care']]);
  assert.ok(made.password.length >= 20, 'a generated password is returned once');
  const { client: dee } = await signIn(relay, 'dee', made.password);
  dee.send({ type: 'accounts' });
  assert.equal((await dee.next('error')).code, 'forbidden');
  root.send({ type: 'accounts' });
  assert.ok((await root.next('accounts')).accounts.some((a) => a.name === 'dee' && a.secret === undefined));
  root.send({ type: 'account_upsert', id: 'u2', account: { name: 'dee', maxChats: 4 } });
  const changed = await root.next((f) => f.type === 'account' && f.id === 'u2');
  assert.deepEqual([changed.account.maxChats, changed.account.role, changed.password], [4, 'agent', undefined]);
  root.send({ type: 'account_remove', id: 'r1', name: 'dee' });
  await root.next((f) => f.type === 'account_removed' && f.name === 'dee');
  assert.equal((await withTimeout(dee.closed, 3000, 'removed agent signed out')).code, 4401);
  await assert.rejects(signIn(relay, 'dee', made.password), { code: 'bad_credentials' });
  await root.close();
});
