#!/usr/bin/env node
// Fault measurement (not a test; tests/relay/sigkill.test.mjs is the test): kill the relay with
// SIGKILL mid-conversation --rounds times, restart it on the same SQLite file, resend what was not
// acknowledged with the same ids (as the widget's channel does), then audit the stored transcript:
// every message present, none twice. Bounded: each round has deadlines; the whole run a hard limit.
//
//   node relay/bench/fault.mjs [--rounds 5] [--conversations 20] [--burst 50]
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: o } = parseArgs({ options: {
  rounds: { type: 'string', default: '5' }, conversations: { type: 'string', default: '20' }, burst: { type: 'string', default: '50' },
} });
const ROUNDS = Number(o.rounds);
const CONVS = Number(o.conversations);
const BURST = Number(o.burst);
const TOKEN = 'fault-agent-token';
const ORIGIN = 'https://fault.example';
setTimeout(() => { console.error('fault: hard time limit reached'); process.exit(2); }, 30000 + ROUNDS * 30000).unref();

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-fault-'));
const db = path.join(dir, 'fault.db');
let port = 0;

async function start() {
  const p = spawn(process.execPath, [path.join(HERE, '..', 'server.mjs'), '--port', String(port), '--db', db, '--agent-token', TOKEN,
    '--allow-origin', ORIGIN, '--conversations-per-minute', '0', '--messages-per-minute', '100000', '--max-sockets-per-ip', '0', '--max-queued-per-ip', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const t = performance.now();
  port = await new Promise((resolve, reject) => {
    let out = '';
    p.stdout.on('data', (d) => { out += d; const l = out.split('\n').find((x) => x.includes('"listening"')); if (l) resolve(JSON.parse(l).port); });
    p.once('exit', (c) => reject(new Error(`relay exited with ${c}`)));
  });
  return { p, startMs: performance.now() - t };
}

function client(pathname, origin) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${pathname}`, origin ? { origin } : {});
    const frames = [];
    const waiters = [];
    ws.on('message', (d) => {
      const f = JSON.parse(d);
      frames.push(f);
      for (const w of [...waiters]) if (w.pred(f)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(f); }
    });
    ws.on('error', () => {});
    ws.once('open', () => resolve({
      ws, frames, send: (f) => ws.send(JSON.stringify(f)),
      next: (pred, ms = 10000) => {
        const have = frames.find(pred);
        if (have) return Promise.resolve(have);
        return new Promise((res, rej) => { waiters.push({ pred, resolve: res }); setTimeout(() => rej(new Error('fault: timed out waiting for a frame')), ms).unref(); });
      },
    }));
    ws.once('unexpected-response', () => reject(new Error('refused')));
  });
}

let relay = await start();
const agent = await client('/agent');
agent.send({ type: 'hello', role: 'agent', token: TOKEN, name: 'Fault' });
await agent.next((f) => f.type === 'welcome');
const convs = [];
for (let i = 0; i < CONVS; i++) {
  const v = await client('/visitor', ORIGIN);
  v.send({ type: 'hello', role: 'visitor', handoff: { transcript: [], distress: 0.9, reasons: [{ name: 'crisis' }] } });
  const w = await v.next((f) => f.type === 'welcome');
  agent.send({ type: 'accept', conversation: w.conversation });
  convs.push({ id: w.conversation, secret: w.secret, sent: [], acked: new Set() });
  v.ws.terminate();
}
agent.ws.terminate();

const rounds = [];
let counter = 0;
for (let r = 0; r < ROUNDS; r++) {
  // Everyone reconnects (resume), fires a burst without waiting, and the relay is killed mid-burst.
  const vs = await Promise.all(convs.map(async (c) => {
    const v = await client('/visitor', ORIGIN);
    v.send({ type: 'hello', role: 'visitor', conversation: c.id, secret: c.secret, lastSeq: 0 });
    await v.next((f) => f.type === 'welcome');
    // Resend what an earlier round left unacknowledged, then the new burst.
    for (const m of c.sent) if (!c.acked.has(m.id)) v.send({ type: 'message', id: m.id, text: m.text });
    return v;
  }));
  const killAfterMs = 20 + Math.random() * 60;
  const burst = (v, c) => {
    for (let i = 0; i < BURST; i++) {
      const m = { id: `m${counter++}`, text: `round ${r} message ${i}` };
      c.sent.push(m);
      v.send({ type: 'message', id: m.id, text: m.text });
    }
  };
  vs.forEach((v, i) => burst(v, convs[i]));
  await new Promise((res) => setTimeout(res, killAfterMs));
  relay.p.kill('SIGKILL');
  await new Promise((res) => relay.p.once('exit', res));
  let ackedThisRound = 0;
  vs.forEach((v, i) => { for (const f of v.frames) if (f.type === 'ack' && !convs[i].acked.has(f.id)) { convs[i].acked.add(f.id); ackedThisRound++; } });
  const inFlight = convs.reduce((n, c) => n + c.sent.filter((m) => !c.acked.has(m.id)).length, 0);
  relay = await start();
  rounds.push({ round: r + 1, killAfterMs: Math.round(killAfterMs), ackedBeforeKill: ackedThisRound, unackedAtKill: inFlight, restartMs: Math.round(relay.startMs) });
}

// Final pass: resend everything unacknowledged, then audit every conversation from seq 0.
const final = await Promise.all(convs.map(async (c) => {
  const v = await client('/visitor', ORIGIN);
  v.send({ type: 'hello', role: 'visitor', conversation: c.id, secret: c.secret, lastSeq: 0 });
  await v.next((f) => f.type === 'welcome');
  const missing = c.sent.filter((m) => !c.acked.has(m.id));
  for (const m of missing) v.send({ type: 'message', id: m.id, text: m.text });
  if (missing.length) await v.next((f) => f.type === 'ack' && f.id === missing.at(-1).id);
  for (const f of v.frames) if (f.type === 'ack') c.acked.add(f.id);
  return v;
}));
const auditor = await client('/agent');
auditor.send({ type: 'hello', role: 'agent', token: TOKEN, name: 'Audit' });
await auditor.next((f) => f.type === 'welcome');
let lost = 0;
let duplicated = 0;
let stored = 0;
for (const c of convs) {
  auditor.send({ type: 'open', conversation: c.id, lastSeq: 0 });
  await auditor.next((f) => f.type === 'message' && f.conversation === c.id && f.id === c.sent.at(-1).id);
  const ids = auditor.frames.filter((f) => f.type === 'message' && f.conversation === c.id).map((f) => f.id);
  const set = new Set(ids);
  stored += ids.length;
  duplicated += ids.length - set.size;
  // Only unacknowledged messages were resent, so an acknowledged message the kill lost counts here.
  for (const m of c.sent) if (!set.has(m.id)) lost++;
}
for (const v of [...final, auditor]) v.ws.terminate();
relay.p.kill('SIGTERM');
await new Promise((res) => relay.p.once('exit', res));
fs.rmSync(dir, { recursive: true, force: true });

const sent = convs.reduce((n, c) => n + c.sent.length, 0);
console.log(`relay SIGKILL fault run: ${ROUNDS} kills, ${CONVS} conversations, ${BURST}-message bursts per conversation per round`);
for (const r of rounds) console.log(`  round ${r.round}: killed ${r.killAfterMs} ms into the burst, ${r.ackedBeforeKill} acked before the kill, ${r.unackedAtKill} unacknowledged at the kill, restart ${r.restartMs} ms`);
console.log(`  total: ${sent} distinct messages sent, ${stored} stored, lost ${lost}, duplicated ${duplicated}`);
process.exit(lost || duplicated ? 1 : 0);
