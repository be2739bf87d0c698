// Test helpers: start the real relay as a child process and talk to it over real WebSockets.
// Every wait has a deadline so a broken relay fails a test instead of hanging the run.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RELAY = path.join(ROOT, 'relay', 'server.mjs');
const relayRequire = createRequire(path.join(ROOT, 'relay', 'package.json'));
export const WebSocket = relayRequire('ws');
export const TOKEN = 'test-agent-token';
export const ORIGIN = 'https://shop.example';

export function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, reject) => { t = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms); }),
  ]).finally(() => clearTimeout(t));
}

export function tmpDir(prefix = 'attune-relay-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Start `node relay/server.mjs` with extra args; resolves once it printed its listening line. */
export async function startRelay({ db, port = 0, args = [], env = {} } = {}) {
  // Every test client comes from 127.0.0.1: the per-address caps are off unless a test sets them
  // (a later flag wins).
  const argv = [RELAY, '--host', '127.0.0.1', '--port', String(port), '--agent-token', TOKEN, '--allow-origin', ORIGIN,
    '--max-sockets-per-ip', '0', '--max-queued-per-ip', '0', ...args];
  if (db) argv.push('--db', db);
  const proc = spawn(process.execPath, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (d) => { err += d; });
  const listening = new Promise((resolve, reject) => {
    proc.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line) resolve(JSON.parse(line));
    });
    proc.once('exit', (code) => reject(new Error(`relay exited with ${code} before listening: ${err}`)));
  });
  const info = await withTimeout(listening, 10000, 'relay start');
  const exited = new Promise((r) => proc.once('exit', (code, signal) => r({ code, signal })));
  return {
    proc, port: info.port, info, stderr: () => err,
    url: (p) => `ws://127.0.0.1:${info.port}${p}`,
    http: `http://127.0.0.1:${info.port}`,
    async stop() { if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM'); return withTimeout(exited, 8000, 'relay stop'); },
    async kill9() { proc.kill('SIGKILL'); return withTimeout(exited, 8000, 'relay kill'); },
  };
}

/** A WebSocket client that records frames and lets a test wait for the next matching one. */
export class Client {
  /** origin: the Origin header to send (default ORIGIN); null sends none, like a non-browser client. */
  static async open(url, { origin = ORIGIN, headers } = {}) {
    const c = new Client();
    c.ws = new WebSocket(url, origin === null ? { headers } : { origin, headers });
    c.frames = [];
    c.waiters = [];
    c.closed = new Promise((r) => c.ws.once('close', (code, reason) => r({ code, reason: reason.toString() })));
    c.ws.on('message', (d) => {
      const f = JSON.parse(d.toString());
      c.frames.push(f);
      for (const w of [...c.waiters]) if (w.pred(f)) { c.waiters.splice(c.waiters.indexOf(w), 1); w.resolve(f); }
    });
    c.ws.on('error', () => {});
    await withTimeout(new Promise((resolve, reject) => {
      c.ws.once('open', resolve);
      c.ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })));
      c.ws.once('error', reject);
    }), 5000, `connect ${url}`);
    return c;
  }

  send(f) { this.ws.send(JSON.stringify(f)); }

  /** Resolve with the first frame (already received, not yet taken, or future) matching pred. */
  next(pred, what = String(pred).slice(0, 100), ms = 5000) {
    const p = typeof pred === 'string' ? (f) => f.type === pred : pred;
    this.taken ??= new Set();
    const have = this.frames.find((f) => !this.taken.has(f) && p(f));
    if (have) { this.taken.add(have); return Promise.resolve(have); }
    return withTimeout(new Promise((resolve) => this.waiters.push({ pred: p, resolve: (f) => { this.taken.add(f); resolve(f); } })), ms, what);
  }

  all(pred) { return this.frames.filter(typeof pred === 'string' ? (f) => f.type === pred : pred); }

  close() { this.ws.close(); return withTimeout(this.closed, 3000, 'client close'); }
  terminate() { this.ws.terminate(); return withTimeout(this.closed, 3000, 'client terminate'); }
}

export const HANDOFF = {
  transcript: [
    { from: 'visitor', text: 'my card was charged twice', at: 1 },
    { from: 'bot', text: 'I am sorry to hear that. Let me look.', at: 2 },
    { from: 'visitor', text: 'I want a human now', at: 3 },
  ],
  reasons: [{ name: 'human_request', weight: 0.9, evidence: 'I want a human' }, { name: 'anger', weight: 0.4, evidence: 'charged twice' }],
  distress: 0.82, valence: -0.7, emotions: { anger: 0.61, annoyance: 0.3, neutral: 0.05 },
  intent: 'billing_double_charge', locale: 'en', pack: 'retail-en',
};

/** A visitor that has opened a conversation; resolves {client, conversation, secret}. */
export async function newVisitor(relay, handoff = HANDOFF) {
  const v = await Client.open(relay.url('/visitor'));
  v.send({ type: 'hello', role: 'visitor', handoff });
  const w = await v.next('welcome', 'visitor welcome');
  return { client: v, conversation: w.conversation, secret: w.secret, welcome: w };
}

export async function newAgent(relay, name = 'Ana') {
  const a = await Client.open(relay.url('/agent'), { origin: null });
  a.send({ type: 'hello', role: 'agent', token: TOKEN, name });
  await a.next('welcome', 'agent welcome');
  return a;
}

export function redisServerPath() {
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

export const CLI = path.join(ROOT, 'relay', 'cli.mjs');

/** Run `node relay/cli.mjs ...args` (stdin optional); resolves {status, stdout, stderr}. */
export function cli(args, input) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', timeout: 20000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Create an account with the CLI in the store named by `where` (['--db', file] or ['--redis', url,
 * '--redis-prefix', p]); resolves its password.
 */
export function addAccount(where, name, { role = 'agent', teams = '', maxChats = 3, display } = {}) {
  const password = `pw-${name}-0123456789`;
  const r = cli([...where, 'accounts', 'add', name, '--role', role, '--max-chats', String(maxChats), '--password-stdin',
    ...(teams ? ['--teams', teams] : []), ...(display ? ['--display', display] : [])], `${password}\n`);
  if (r.status !== 0) throw new Error(`cli add ${name} failed: ${r.stderr}`);
  return password;
}

/** Sign in with an account (or resume a session); resolves {client, welcome}. */
export async function signIn(relay, account, password, { session } = {}) {
  const a = await Client.open(relay.url('/agent'), { origin: null });
  a.send(session ? { type: 'hello', role: 'agent', session } : { type: 'hello', role: 'agent', account, password });
  const welcome = await a.next((f) => f.type === 'welcome' || f.type === 'error', 'agent sign-in');
  if (welcome.type === 'error') throw Object.assign(new Error(`sign-in failed: ${welcome.code}`), { code: welcome.code, client: a });
  return { client: a, welcome };
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `fn` until it returns truthy (deadline ms). */
export async function until(fn, ms = 5000, what = 'condition') {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms: ${what}`);
    await sleep(25);
  }
}
