// Review data (issue 16): turn records with the handoff, the agents' verdicts, CSAT linked to the
// conversation, consented bot-only reviews, the admin-only export and summary with filters, and
// the same records in SQLite and Redis.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import fs from 'node:fs';
import crypto from 'node:crypto';
import { spawn } from 'node:child_process';
import { startRelay, newVisitor, tmpDir, ORIGIN, HANDOFF, addAccount, signIn, withTimeout, redisServerPath, until } from './helpers.mjs';
import { SqliteStore } from '../../relay/src/store-sqlite.mjs';
import { RedisStore } from '../../relay/src/store-redis.mjs';
import { validateTurns, validateVerdict, summarizeExport, buildExport, draftName } from '../../relay/src/review.mjs';

let relay;
let dir;
let pw;
const where = () => ['--db', path.join(dir, 'relay.db')];

const TURNS = [
  { turn: 1, text: 'do you do gift wrapping', intent: 'none', confidence: 0.21, distress: 0.05, valence: 0, reasons: [], handoff: false, language: 'en', fallback: true, tone: 'apologetic' },
  { turn: 2, text: 'can you gift wrap my order', intent: 'none', confidence: 0.18, distress: 0.2, valence: -0.2, reasons: [], handoff: false, language: 'en', fallback: true },
  { turn: 3, text: 'I want a human now', intent: 'human_agent', confidence: 0.93, distress: 0.82, valence: -0.7,
    reasons: [{ name: 'human_request', weight: 0.9, evidence: 'I want a human' }, 'repetition'], handoff: true, language: 'en', fallback: false },
];

before(async () => {
  dir = tmpDir('attune-review-');
  pw = { boss: addAccount(where(), 'boss', { role: 'admin', maxChats: 0 }), ana: addAccount(where(), 'ana', { teams: 'care', maxChats: 3 }),
    bo: addAccount(where(), 'bo', { teams: 'care', maxChats: 0 }) };
  relay = await startRelay({ db: path.join(dir, 'relay.db'), args: ['--conversations-per-minute', '0'] });
});
after(async () => { await relay?.stop(); fs.rmSync(dir, { recursive: true, force: true }); });

const api = (p, { session, method = 'GET', body, origin } = {}) => fetch(`${relay.http}${p}`, {
  method, headers: { ...(session ? { authorization: `Bearer ${session}` } : {}), ...(origin ? { origin } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
  body: body ? JSON.stringify(body) : undefined,
});

async function handoffClosedBy(agentName, password, extra = {}) {
  const { client: agent, welcome } = await signIn(relay, agentName, password);
  const v = await newVisitor(relay, { ...HANDOFF, team: 'care', turns: TURNS, ...extra });
  await agent.next((f) => f.type === 'assigned' && f.conversation === v.conversation, 'auto-assigned');
  return { agent, session: welcome.session, v };
}

test('a handed-off conversation keeps its turn records; the agent marks it late at a visitor turn when closing; CSAT is linked', { timeout: 30000 }, async () => {
  const { agent, session, v } = await handoffClosedBy('ana', pw.ana);
  agent.send({ type: 'open', conversation: v.conversation, lastSeq: 0 });
  const opened = await agent.next((f) => f.type === 'conversation' && f.conversation === v.conversation);
  assert.deepEqual(opened.review.turns.map((t) => [t.turn, t.handoff]), [[1, false], [2, false], [3, true]], 'the console gets the turns to pick from');
  assert.equal(opened.handoff.turns, undefined, 'turn records are kept beside the conversation, not in the handoff');

  // A turn the conversation does not have is refused; the close itself is not lost.
  agent.send({ type: 'verdict', conversation: v.conversation, id: 'bad', verdict: { kind: 'late', turn: 9 } });
  const err = await agent.next((f) => f.type === 'error' && f.id === 'bad');
  assert.deepEqual([err.code, err.message], ['bad_request', '"verdict.turn" 9 is not one of this conversation\'s turns']);
  agent.send({ type: 'close', conversation: v.conversation, id: 'c1', returnToBot: false, verdict: { kind: 'late', turn: 1 } });
  await agent.next((f) => f.type === 'ack' && f.id === 'c1');
  v.client.send({ type: 'csat', id: 's1', score: 2, comment: 'took too long' });
  await v.client.next((f) => f.type === 'ack' && f.id === 's1');

  const { welcome: admin } = await signIn(relay, 'boss', pw.boss);
  const doc = await (await api('/api/review/export', { session: admin.session })).json();
  const c = doc.conversations.find((x) => x.id === v.conversation);
  assert.equal(doc.version, 1);
  assert.deepEqual(Object.keys(c), ['id', 'pack', 'language', 'team', 'agent', 'started_at', 'ended_at', 'outcome', 'csat', 'verdict', 'turns']);
  assert.deepEqual([c.pack, c.language, c.team, c.agent, c.outcome], ['retail-en', 'en', 'care', 'ana', 'agent_closed']);
  assert.equal(c.csat.score, 2);
  assert.match(c.csat.at, /^\d{4}-\d{2}-\d{2}T/);
  assert.deepEqual([c.verdict.kind, c.verdict.turn, c.verdict.by], ['late', 1, 'ana']);
  assert.deepEqual(c.turns[2], { turn: 3, text: 'I want a human now', intent: 'human_agent', confidence: 0.93, distress: 0.82, valence: -0.7,
    reasons: ['human_request', 'repetition'], handoff: true, language: 'en', fallback: false });
  assert.equal(c.turns[0].tone, 'apologetic');
  assert.equal((await api('/api/review/export', { session })).status, 403, 'an agent gets no export');

  // Another agent of the team may not mark it; the last mark of the agent who had it wins.
  const { client: bo } = await signIn(relay, 'bo', pw.bo);
  bo.send({ type: 'verdict', conversation: v.conversation, id: 'x', verdict: { kind: 'not_needed' } });
  assert.equal((await bo.next((f) => f.type === 'error' && f.id === 'x')).code, 'forbidden');
  agent.send({ type: 'verdict', conversation: v.conversation, id: 'v2', verdict: { kind: 'on_time' } });
  await agent.next((f) => f.type === 'ack' && f.id === 'v2');
  const again = (await (await api('/api/review/export', { session: admin.session })).json()).conversations.find((x) => x.id === v.conversation);
  assert.deepEqual([again.verdict.kind, again.verdict.turn], ['on_time', undefined]);
  await Promise.all([agent.close(), bo.close(), v.client.close()]);
});

test('a bot-only conversation is stored only with consent, validated and capped; nothing without consent', { timeout: 20000 }, async () => {
  const { welcome: admin } = await signIn(relay, 'boss', pw.boss);
  const count = async () => (await (await api('/api/review/export', { session: admin.session })).json()).conversations.length;
  const before = await count();
  const review = { pack: 'ecommerce', language: 'es', outcome: 'resolved', csat: { score: 4 }, started_at: Date.now() - 60000, ended_at: Date.now(),
    turns: [{ turn: 1, text: '¿hacéis envoltorio de regalo?', intent: 'none', confidence: 0.2, distress: 0, valence: 0, reasons: [], handoff: false, language: 'es', fallback: true }] };

  let r = await api('/api/reviews', { method: 'POST', origin: ORIGIN, body: { ...review, consent: false } });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).code, 'consent_required');
  r = await api('/api/reviews', { method: 'POST', origin: ORIGIN, body: { ...review } });
  assert.equal((await r.json()).code, 'consent_required', 'consent must be said, not assumed');
  r = await api('/api/reviews', { method: 'POST', origin: 'https://evil.example', body: { ...review, consent: true } });
  assert.equal(r.status, 403, 'only the site\'s own pages may send reviews');
  r = await api('/api/reviews', { method: 'POST', origin: ORIGIN, body: { ...review, consent: true, csat: { score: 6 } } });
  assert.deepEqual([r.status, (await r.json()).message], [400, '"csat.score" must be an integer 1-5']);
  r = await api('/api/reviews', { method: 'POST', origin: ORIGIN, body: { ...review, consent: true, turns: Array.from({ length: 201 }, (_, i) => ({ ...review.turns[0], turn: i + 1 })) } });
  assert.equal(r.status, 413);
  r = await api('/api/reviews', { method: 'POST', origin: ORIGIN, body: { ...review, consent: true, turns: [{ ...review.turns[0], text: 'x'.repeat(70000) }] } });
  assert.equal(r.status, 413, 'the body is capped');
  assert.equal(await count(), before, 'nothing refused was stored');

  r = await api('/api/reviews', { method: 'POST', origin: ORIGIN, body: { ...review, consent: true } });
  assert.equal(r.status, 201);
  const { id } = await r.json();
  const doc = await (await api('/api/review/export?language=es', { session: admin.session })).json();
  const c = doc.conversations.find((x) => x.id === id);
  assert.deepEqual([c.pack, c.language, c.agent, c.outcome, c.csat.score, c.verdict, c.turns[0].fallback], ['ecommerce', 'es', null, 'resolved', 4, null, true]);
});

test('the review API checks the admin role on the server, and filters by date, team, language and pack', { timeout: 20000 }, async () => {
  assert.equal((await api('/api/review/export')).status, 401);
  assert.equal((await api('/api/review/export', { session: 'not-a-session' })).status, 401);
  const { client, welcome: agent } = await signIn(relay, 'ana', pw.ana);
  assert.equal((await api('/api/review/summary', { session: agent.session })).status, 403);
  await client.close();
  const { welcome: admin } = await signIn(relay, 'boss', pw.boss);
  const get = async (q) => (await (await api(`/api/review/export${q}`, { session: admin.session })).json()).conversations;
  const all = await get('');
  assert.ok(all.length >= 2);
  assert.ok((await get('?team=care')).every((c) => c.team === 'care'));
  assert.deepEqual((await get('?language=es')).map((c) => c.language), ['es']);
  assert.deepEqual((await get('?pack=ecommerce')).map((c) => c.pack), ['ecommerce']);
  const today = new Date().toISOString().slice(0, 10);
  assert.equal((await get(`?from=${today}&to=${today}`)).length, all.length);
  assert.equal((await get('?to=2020-01-01')).length, 0);
  const bad = await api('/api/review/export?from=yesterday', { session: admin.session });
  assert.deepEqual([bad.status, (await bad.json()).message], [400, '"from" must be a date (YYYY-MM-DD) or an ISO 8601 time']);
  assert.equal((await api('/api/review/export?team=a%20b', { session: admin.session })).status, 400);

  const summary = await (await api('/api/review/summary', { session: admin.session })).json();
  assert.equal(summary.totals.conversations, all.length);
  assert.ok(summary.verdicts.list.length >= 1);
  assert.ok(summary.not_understood.some((g) => g.examples.includes('do you do gift wrapping')));
});

test('validation: turns, verdicts; summary: ended badly, groups with drafts, CSAT by intent, tone and agent', () => {
  assert.throws(() => validateTurns([{ turn: 0, text: 'x' }]), /turns\[0\]\.turn must be a positive integer/);
  assert.throws(() => validateTurns({}), /"turns" must be an array/);
  assert.deepEqual(validateTurns([{ turn: 1, text: 'hi', confidence: 7, distress: -1, language: 'english!', tone: '<b>' }])[0],
    { turn: 1, text: 'hi', intent: 'none', confidence: 1, distress: 0, valence: 0, reasons: [], handoff: false, language: null, fallback: false });
  assert.throws(() => validateVerdict({ kind: 'unneeded' }), /"verdict.kind" must be "on_time", "late" or "not_needed"/);
  assert.throws(() => validateVerdict({ kind: 'late' }), /"verdict.turn"/);
  assert.throws(() => validateVerdict({ kind: 'on_time', turn: 2 }), /only for "late"/);
  assert.deepEqual(validateVerdict({ kind: 'late', turn: 2 }, [{ turn: 2 }]), { kind: 'late', turn: 2 });

  const t = (turn, text, o = {}) => ({ turn, text, intent: 'returns', confidence: 0.9, distress: 0, valence: 0, reasons: [], handoff: false, language: 'en', fallback: false, ...o });
  const fb = (turn, text) => t(turn, text, { intent: 'none', fallback: true });
  const rec = (id, o) => ({ id, pack: 'ecommerce', language: 'en', team: null, agent: null, started_at: Date.parse('2026-11-20T10:00:00Z'), ended_at: null,
    outcome: 'resolved', csat: null, verdict: null, turns: [t(1, 'return shoes')], ...o });
  const doc = buildExport([
    rec('a', { csat: { score: 1, at: 1 } }),
    rec('b', { outcome: 'abandoned', turns: [t(1, 'hello'), fb(2, 'gift wrapping?'), fb(3, 'do you do gift wrapping')] }),
    rec('c', { outcome: 'abandoned', turns: [t(1, 'hello')] }),
    rec('d', { agent: 'ana', team: 'care', outcome: 'agent_closed', csat: { score: 5, at: 2 }, verdict: { kind: 'late', turn: 1, by: 'ana', at: 3 },
      turns: [fb(1, 'student discount?'), t(2, 'a person please', { handoff: true, reasons: ['human_request'], tone: 'warm' })] }),
  ]);
  let calls = 0;
  const s = summarizeExport(doc, { group: (texts) => { calls++; return [{ members: texts.map((_, i) => i).filter((i) => /gift/.test(texts[i])), representative: 0 },
    ...texts.map((x, i) => (/gift/.test(x) ? null : { members: [i], representative: i })).filter(Boolean)]; } });
  assert.equal(calls, 1, 'one pool: one pack and language');
  assert.deepEqual(s.ended_badly.map((b) => [b.id, b.why]).sort(), [['a', 'low_csat'], ['b', 'left_during_fallbacks']],
    'low CSAT and leaving during fallbacks count; leaving without fallbacks and a handed-off low score do not');
  assert.deepEqual(s.not_understood[0].draft, { name: 'gift_wrapping', examples: ['gift wrapping?', 'do you do gift wrapping'] });
  assert.deepEqual(s.by_day, [{ day: '2026-11-20', conversations: 4, handoffs: 1, reasons: { human_request: 1 }, rate: 0.25 }]);
  assert.deepEqual(s.csat.by_agent, [{ key: 'ana', n: 1, mean: 5 }]);
  assert.deepEqual(s.csat.by_tone, [{ key: 'warm', n: 1, mean: 5 }]);
  assert.deepEqual(s.csat.by_intent.map((x) => x.key), ['returns']);
  assert.deepEqual(s.verdicts.counts, { on_time: 0, late: 1, not_needed: 0 });
  assert.equal(s.verdicts.list[0].should_have_said, 'student discount?');
  assert.equal(draftName('¿Hacéis envoltorio de regalo?'), 'haceis_envoltorio_regalo');
});

const REDIS = redisServerPath();
test('store parity: SQLite and Redis keep review records alike (merge, list by start time, ties by id, exact numbers)', {
  timeout: 20000, skip: REDIS ? false : 'redis-server is not installed (apt-get install redis-server)',
}, async () => {
  const rdir = tmpDir('attune-review-redis-');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', rdir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await withTimeout(new Promise((resolve, reject) => {
    server.stdout.on('data', (d) => { out += d; if (out.includes('Ready to accept connections')) resolve(); });
    server.once('exit', (c) => reject(new Error(`redis-server exited with ${c}: ${out}`)));
  }), 10000, 'redis-server start');
  const sq = new SqliteStore(path.join(rdir, 'parity.db'));
  const rd = new RedisStore(`redis://127.0.0.1:${port}/0`, `t${crypto.randomBytes(4).toString('hex')}:`);
  await rd.init();
  try {
    for (const s of [sq, rd]) {
      for (let i = 0; i < 30; i++) {
        await s.mergeReview(`c${String(29 - i).padStart(2, '0')}`, { pack: 'ecommerce', language: ['en', 'es', 'de'][i % 3], team: i % 2 ? 'care' : null, agent: null,
          started_at: 1_700_000_000_000 + Math.floor(i / 3) * 1000, ended_at: null, outcome: 'handoff', csat: null, verdict: null,
          turns: validateTurns([{ turn: 1, text: `t${i}`, confidence: 0.123456789012345, valence: -0.3333333333333333 }]) });
      }
      await s.mergeReview('c05', { csat: { score: 3, at: 5 } });
      await s.mergeReview('c05', { verdict: { kind: 'late', turn: 1, by: 'ana', at: 6 }, ended_at: 7, outcome: 'agent_closed' });
    }
    const a = await sq.listReviews(1_700_000_002_000, 1_700_000_007_000, 100);
    const b = await rd.listReviews(1_700_000_002_000, 1_700_000_007_000, 100);
    assert.equal(a.length, 18);
    assert.deepEqual(b, a);
    assert.deepEqual(a.slice(0, 3).map((r) => r.id), ['c21', 'c22', 'c23'], 'same start: ordered by id');
    assert.deepEqual(await rd.getReview('c05'), await sq.getReview('c05'));
    const c05 = await sq.getReview('c05');
    assert.deepEqual([c05.csat.score, c05.verdict.kind, c05.outcome, c05.turns[0].confidence, c05.turns[0].valence], [3, 'late', 'agent_closed', 0.123456789012345, -0.3333333333333333]);
    assert.deepEqual(await rd.listReviews(0, 1e15, 5), await sq.listReviews(0, 1e15, 5));
    assert.equal(await rd.getReview('nope'), null);
    assert.equal(await sq.getReview('nope'), null);
  } finally {
    await sq.close();
    await rd.close();
    server.kill('SIGTERM');
    await withTimeout(new Promise((r) => server.once('exit', r)), 5000, 'redis stop');
    fs.rmSync(rdir, { recursive: true, force: true });
  }
});
