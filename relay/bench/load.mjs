#!/usr/bin/env node
// Load measurement (not a test): N concurrent simulated widget sessions and some agents against a
// relay started here on loopback. Bounded: it runs for --duration seconds, then stops by itself.
//
// The agents are accounts (created in the store before the relay starts) signed in with their
// passwords. Each visitor opens a conversation with a handoff and is assigned by the relay's
// routing to the least busy agent (max_chats = sessions / agents unless --max-chats), then sends a
// message every --interval ms (jittered). The agent answers each one. Reported:
//   ack        visitor send -> relay ack (the message is durably stored)
//   delivery   visitor send -> agent receives it
//   reply      agent send -> visitor receives it
// plus errors, lost/duplicated messages and the relay's resident memory (sampled from /proc).
//
//   node relay/bench/load.mjs [--sessions 1000] [--agents 20] [--duration 30] [--interval 2000] [--max-chats N] [--redis URL]
// "lost" counts visitor messages acknowledged (stored) but never delivered to the assigned agent,
// plus agent replies never received by the visitor; "unassigned" counts visitors never assigned.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { SqliteStore } from '../src/store-sqlite.mjs';
import { RedisStore } from '../src/store-redis.mjs';
import { hashSecret } from '../src/accounts.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: o } = parseArgs({ options: {
  sessions: { type: 'string', default: '1000' }, agents: { type: 'string', default: '20' },
  duration: { type: 'string', default: '30' }, interval: { type: 'string', default: '2000' },
  redis: { type: 'string' }, json: { type: 'boolean', default: false }, 'max-chats': { type: 'string' },
} });
const SESSIONS = Number(o.sessions);
const AGENTS = Number(o.agents);
const DURATION_MS = Number(o.duration) * 1000;
const INTERVAL_MS = Number(o.interval);
const MAX_CHATS = o['max-chats'] ? Number(o['max-chats']) : Math.ceil(SESSIONS / AGENTS);
const TOKEN = 'bench-agent-token';
const ORIGIN = 'https://bench.example';
const HARD_LIMIT_MS = DURATION_MS + 60000; // whatever happens, the bench ends

const hard = setTimeout(() => { console.error('bench: hard time limit reached, aborting'); process.exit(2); }, HARD_LIMIT_MS);
hard.unref();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-bench-'));
// Every simulated client comes from 127.0.0.1, so the per-address caps are off here.
const relayArgs = [path.join(HERE, '..', 'server.mjs'), '--port', '0', '--agent-token', TOKEN, '--allow-origin', ORIGIN,
  '--conversations-per-minute', '0', '--messages-per-minute', '1000', '--instance', 'bench', '--max-sockets-per-ip', '0',
  '--max-queued-per-ip', '0'];
const prefix = `bench${process.pid}:`;
relayArgs.push(...(o.redis ? ['--redis', o.redis, '--redis-prefix', prefix] : ['--db', path.join(dir, 'bench.db')]));
{
  const store = o.redis ? new RedisStore(o.redis, prefix) : new SqliteStore(path.join(dir, 'bench.db'));
  await store.init();
  for (let i = 0; i < AGENTS; i++) {
    await store.putAccount({ name: `agent${i}`, display: `Agent ${i}`, role: 'agent', teams: [], maxChats: MAX_CHATS,
      secret: await hashSecret(`bench-password-${i}`) }, Date.now());
  }
  await store.close();
}
const relay = spawn(process.execPath, relayArgs, { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve, reject) => {
  let out = '';
  relay.stdout.on('data', (d) => { out += d; const l = out.split('\n').find((x) => x.includes('"listening"')); if (l) resolve(JSON.parse(l).port); });
  relay.once('exit', (c) => reject(new Error(`relay exited with ${c}`)));
  setTimeout(() => reject(new Error('relay did not start within 10 s')), 10000).unref();
});

function rssOf(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
    return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
  } catch { return { rss: 0, hwm: 0 }; }
}
function cpuSecondsOf(pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
  } catch { return 0; }
}
const rssSamples = [];
const rssTimer = setInterval(() => rssSamples.push(rssOf(relay.pid).rss), 1000);
const rssIdle = rssOf(relay.pid).rss;

const stats = { ackSteady: [], ack: [], delivery: [], reply: [], errors: 0, errorCodes: {}, connectFailures: 0, sent: 0, acked: 0,
  delivered: 0, replies: 0, repliesReceived: 0, duplicates: 0, assigned: 0, signIn: [] };
const sentAt = new Map();      // visitor message id -> send time
const replySentAt = new Map(); // agent reply id -> send time
const seenByAgent = new Set();
const seenByVisitor = new Set();
const countError = (code) => { stats.errors++; stats.errorCodes[code] = (stats.errorCodes[code] ?? 0) + 1; };

function open(pathname, origin) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${pathname}`, origin ? { origin } : {});
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

// ---- agents
const agents = [];
for (let i = 0; i < AGENTS; i++) {
  const ws = await open('/agent');
  ws.on('message', (d) => {
    const f = JSON.parse(d);
    if (f.type === 'message' && f.from === 'visitor') {
      if (seenByAgent.has(f.id)) { stats.duplicates++; return; }
      seenByAgent.add(f.id);
      stats.delivered++;
      const t = sentAt.get(f.id);
      if (t) stats.delivery.push(performance.now() - t);
      const id = `r${f.id}`;
      replySentAt.set(id, performance.now());
      stats.replies++;
      ws.send(JSON.stringify({ type: 'message', conversation: f.conversation, id, text: `Thanks, I am on it (${f.id}).` }));
    } else if (f.type === 'assigned') {
      stats.assigned++;
    } else if (f.type === 'error') countError(`agent:${f.code}`);
  });
  ws.on('error', () => countError('agent:socket'));
  const t = performance.now();
  const welcomed = new Promise((resolve) => ws.on('message', (d) => { if (JSON.parse(d).type === 'welcome') resolve(); }));
  ws.send(JSON.stringify({ type: 'hello', role: 'agent', account: `agent${i}`, password: `bench-password-${i}` }));
  await welcomed;
  stats.signIn.push(performance.now() - t);
  agents.push(ws);
}

// ---- visitors
const handoff = {
  transcript: [{ from: 'visitor', text: 'my order never arrived', at: 1 }, { from: 'bot', text: 'I am sorry. Let me check.', at: 2 },
    { from: 'visitor', text: 'let me talk to a person', at: 3 }],
  reasons: [{ name: 'human_request', weight: 0.9, evidence: 'talk to a person' }], distress: 0.7, valence: -0.5,
  emotions: { disappointment: 0.5, annoyance: 0.3 }, intent: 'order_missing', locale: 'en', pack: 'retail-en',
};
let stopping = false;
const joined = new Set();
let steadyFrom = Infinity; // set once every session is up: latencies after ramp-up, reported apart
const visitors = [];
const t0 = performance.now();

async function visitor(n) {
  let ws;
  try { ws = await open('/visitor', ORIGIN); } catch { stats.connectFailures++; return; }
  visitors.push(ws);
  let seq = 0;
  let timer;
  const tick = () => {
    if (stopping || ws.readyState !== 1) return;
    const id = `v${n}x${seq++}`;
    sentAt.set(id, performance.now());
    stats.sent++;
    ws.send(JSON.stringify({ type: 'message', id, text: `message ${seq} from visitor ${n}`, suggestions: ['Let me check that for you.'] }));
    timer = setTimeout(tick, INTERVAL_MS * (0.5 + Math.random()));
  };
  ws.on('message', (d) => {
    const f = JSON.parse(d);
    if (f.type === 'agent_joined') {
      joined.add(n);
      timer = setTimeout(tick, Math.random() * INTERVAL_MS);
    } else if (f.type === 'ack') {
      stats.acked++;
      const t = sentAt.get(f.id);
      if (t) { stats.ack.push(performance.now() - t); if (t > steadyFrom) stats.ackSteady.push(performance.now() - t); }
    } else if (f.type === 'message' && f.from === 'agent') {
      if (seenByVisitor.has(f.id)) { stats.duplicates++; return; }
      seenByVisitor.add(f.id);
      stats.repliesReceived++;
      const t = replySentAt.get(f.id);
      if (t) stats.reply.push(performance.now() - t);
    } else if (f.type === 'error') countError(`visitor:${f.code}`);
  });
  ws.on('close', () => clearTimeout(timer));
  ws.on('error', () => countError('visitor:socket'));
  ws.send(JSON.stringify({ type: 'hello', role: 'visitor', handoff }));
}

// Ramp up over ~5 s: 1000 simultaneous TCP handshakes would measure the accept queue, not the relay.
const RAMP_MS = 5000;
for (let i = 0; i < SESSIONS; i++) {
  visitor(i);
  if (i % 50 === 49) await new Promise((r) => setTimeout(r, RAMP_MS / (SESSIONS / 50)));
}
const rampDone = performance.now();
steadyFrom = rampDone + 2000;
await new Promise((r) => setTimeout(r, Math.max(0, DURATION_MS - (rampDone - t0))));
stopping = true;
// Let in-flight messages and replies land (bounded).
const drainUntil = performance.now() + 10000;
while (performance.now() < drainUntil && (stats.acked < stats.sent || stats.repliesReceived < stats.replies)) {
  await new Promise((r) => setTimeout(r, 100));
}
const rssEnd = rssOf(relay.pid);
const relayCpuS = cpuSecondsOf(relay.pid);
const loadAvg = os.loadavg()[0];
clearInterval(rssTimer);
for (const ws of [...visitors, ...agents]) ws.terminate();
relay.kill('SIGTERM');
await new Promise((r) => relay.once('exit', r));
fs.rmSync(dir, { recursive: true, force: true });

const pct = (a, p) => { if (!a.length) return null; const s = [...a].sort((x, y) => x - y); return +s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))].toFixed(1); };
const elapsed = (performance.now() - t0) / 1000;
const result = {
  store: o.redis ? 'redis' : 'sqlite', sessions: SESSIONS, connected: visitors.length, agents: AGENTS, durationS: +elapsed.toFixed(1),
  messages: { sent: stats.sent, acked: stats.acked, deliveredToAgent: stats.delivered, replies: stats.replies, repliesReceived: stats.repliesReceived,
    perSecond: +((stats.sent + stats.replies) / (DURATION_MS / 1000)).toFixed(0) },
  latencyMs: {
    ack: { p50: pct(stats.ack, 50), p99: pct(stats.ack, 99), max: pct(stats.ack, 100) },
    ackAfterRampUp: { p50: pct(stats.ackSteady, 50), p99: pct(stats.ackSteady, 99), max: pct(stats.ackSteady, 100) },
    delivery: { p50: pct(stats.delivery, 50), p99: pct(stats.delivery, 99), max: pct(stats.delivery, 100) },
    reply: { p50: pct(stats.reply, 50), p99: pct(stats.reply, 99), max: pct(stats.reply, 100) },
  },
  relayCpuSeconds: relayCpuS, relayCpuMicrosPerMessage: +(relayCpuS * 1e6 / Math.max(1, stats.sent + stats.replies)).toFixed(0),
  machineLoadAvg1m: +loadAvg.toFixed(1),
  errors: stats.errors, errorCodes: stats.errorCodes, connectFailures: stats.connectFailures,
  lost: (stats.sent - stats.delivered) + (stats.replies - stats.repliesReceived), duplicates: stats.duplicates,
  routing: { maxChats: MAX_CHATS, assigned: stats.assigned, visitorsJoined: joined.size, unassigned: visitors.length - joined.size },
  agentSignInMs: { p50: pct(stats.signIn, 50), max: pct(stats.signIn, 100) },
  relayMemoryMiB: { idle: +(rssIdle / 2 ** 20).toFixed(1), peakSampled: +(Math.max(...rssSamples, rssEnd.rss) / 2 ** 20).toFixed(1),
    end: +(rssEnd.rss / 2 ** 20).toFixed(1), highWaterMark: +(rssEnd.hwm / 2 ** 20).toFixed(1),
    every10s: rssSamples.filter((_, i) => i % 10 === 9).map((b) => +(b / 2 ** 20).toFixed(0)) },
};
if (o.json) console.log(JSON.stringify(result));
else {
  const l = result.latencyMs;
  console.log(`relay load (${result.store}): ${result.connected}/${SESSIONS} sessions, ${AGENTS} agents, ${result.durationS} s`);
  console.log(`  messages: ${stats.sent} sent by visitors, ${stats.acked} acked, ${stats.delivered} delivered to agents; ${stats.replies} replies, ${stats.repliesReceived} received (${result.messages.perSecond}/s total)`);
  console.log(`  ack       p50 ${l.ack.p50} ms  p99 ${l.ack.p99} ms  max ${l.ack.max} ms`);
  console.log(`  ack after ramp-up  p50 ${l.ackAfterRampUp.p50} ms  p99 ${l.ackAfterRampUp.p99} ms  max ${l.ackAfterRampUp.max} ms`);
  console.log(`  delivery  p50 ${l.delivery.p50} ms  p99 ${l.delivery.p99} ms  max ${l.delivery.max} ms`);
  console.log(`  reply     p50 ${l.reply.p50} ms  p99 ${l.reply.p99} ms  max ${l.reply.max} ms`);
  console.log(`  routing: ${result.routing.assigned} conversations auto-assigned (max_chats ${MAX_CHATS}), ${result.routing.unassigned} visitors never assigned; agent sign-in (scrypt) p50 ${result.agentSignInMs.p50} ms`);
  console.log(`  errors ${result.errors} ${JSON.stringify(result.errorCodes)}, connect failures ${result.connectFailures}, lost ${result.lost}, duplicates ${result.duplicates}`);
  console.log(`  relay CPU ${result.relayCpuSeconds} s (${result.relayCpuMicrosPerMessage} µs per stored message, setup included); machine load average ${result.machineLoadAvg1m} on ${os.cpus().length} cores`);
  console.log(`  relay RSS: idle ${result.relayMemoryMiB.idle} MiB, peak ${result.relayMemoryMiB.peakSampled} MiB, end ${result.relayMemoryMiB.end} MiB (VmHWM ${result.relayMemoryMiB.highWaterMark} MiB); every 10 s: ${result.relayMemoryMiB.every10s.join(', ')} MiB`);
}
process.exit(0);
