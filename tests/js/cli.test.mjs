// The Node CLI (dist/attune-cli.mjs) as a user runs it: a child process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const cli = path.resolve('dist/attune-cli.mjs');
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', timeout: 30000 });

test('chat --jsonl answers one JSON object per line and resets on request', () => {
  const r = run(['chat', '--jsonl'], '{"text":"where is my order"}\n{"text":"can I talk to a real person","reset":true}\n');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 2);
  assert.equal(lines[0].intent, 'track_order');
  assert.equal(lines[1].turn, 1, 'reset starts a new conversation');
  assert.equal(lines[1].handoff, true);
  assert.ok(lines[1].reasons.some((x) => x.name === 'human_request'));
});

test('chat --jsonl reports a malformed line and keeps going', () => {
  const r = run(['chat', '--jsonl'], 'not json\n{"text":"thanks"}\n');
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines[0].error.code, 'invalid_input');
  assert.equal(typeof lines[1].reply, 'string');
  assert.equal(r.status, 1);
});

test('check names the JSON pointer and exits non-zero on a bad pack', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'attune-'));
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, '{"responses": {"greeting": "hi", "fallback": "?"}, "intents": [{"name": "x", "examples": "nope"}]}');
  const r = run(['check', bad]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\/intents\/0/);
  assert.equal(run(['check', 'packs/ecommerce.en.json']).status, 0);
});

test('unknown options are usage errors (exit 2)', () => {
  assert.equal(run(['chat', '--nope']).status, 2);
});

test('chat --config with {lang} talks to the whole pack set: a Spanish message gets the Spanish pack, once announced', () => {
  const r = run(['chat', '--jsonl', '--config', 'packs/ecommerce.{lang}.json'],
    '{"text":"hola, necesito saber dónde está mi pedido"}\n{"text":"el número es 12345678"}\n');
  assert.equal(r.status, 0, r.stderr);
  const [first, second] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(first.language_switched, 'es');
  assert.equal(first.reply_language, 'es');
  assert.equal(first.intent, 'track_order');
  assert.match(first.reply, /^Sigo en español\./);
  assert.equal(second.reply_language, 'es');
  assert.ok(!second.language_switched);
  assert.doesNotMatch(second.reply, /Sigo en español/);
  assert.equal(run(['chat', '--config', 'packs/nope.{lang}.json'], '').status, 2);
});
