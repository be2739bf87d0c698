// attune check and attune import-csv, run as a user runs them (dist/attune-cli.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shippedPacks } from './shipped-packs.mjs';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const cli = path.resolve('dist/attune-cli.mjs');
const run = (args, input) => spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', timeout: 30000 });
const dir = mkdtempSync(path.join(tmpdir(), 'attune-check-'));
const write = (name, text) => { const p = path.join(dir, name); writeFileSync(p, text); return p; };

test('every shipped pack passes check with no warnings but tone advice', () => {
  for (const p of shippedPacks()) {
    const strict = run(['check', `packs/${p}`, '--strict', '--no-tone']);
    assert.equal(strict.status, 0, strict.stdout + strict.stderr);
    assert.match(strict.stdout, /ok \(0 errors, 0 warnings\)/);
    // Tone is advice (tests/js/check-tone.test.mjs): no errors, exit 0.
    const r = run(['check', `packs/${p}`]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /ok \(0 errors, \d+ warnings?; tone rules tone-rules\/(en|es|fr|de|pt)\.json\)/);
  }
});

test('errors are `FILE:LINE:COLUMN: error: POINTER: message`, all of them, with exit 1', () => {
  const bad = write('bad.json', '{\n  "version": 1,\n  "respones": {},\n  "responses": {"greeting": "Hi", "fallback": 3},\n' +
    '  "intents": [{"name": "a", "examples": []}, {"name": "a", "examples": ["x"]}]\n}');
  const r = run(['check', bad]);
  assert.equal(r.status, 1);
  const lines = r.stderr.trim().split('\n');
  assert.deepEqual(lines, [
    `${bad}:3:15: warning: /respones: unknown key "respones" is ignored (did you mean "responses"?)`,
    `${bad}:4:47: error: /responses/fallback: expected an object of tone variants, got number`,
    `${bad}:5:41: error: /intents/0/examples: expected at least one string`,
    `${bad}:5:55: error: /intents/1/name: duplicate intent name "a"`,
  ]);
  assert.match(r.stdout, /invalid \(3 errors, 1 warning/);
});

test('malformed JSON, wrong types, loops and unknown variables are precise', () => {
  const syntax = write('syntax.json', '{"responses": {,}}');
  let r = run(['check', syntax]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /syntax\.json:1:16: error: invalid JSON: syntax error/);

  const pack = JSON.parse(readFileSync('packs/ecommerce.en.json', 'utf8'));
  pack.responses.order_status.neutral[0] = 'Order {order_idd} is on its way.';
  pack.flows.track_order.steps.order_number.next = 'order_number';
  delete pack.flows.track_order.steps.order_number.done;
  pack.intents[0].examples = 'where is my order';  // a single string is allowed
  pack.intent_threshold = '0.3';
  r = run(['check', write('many.json', JSON.stringify(pack, null, 2)), '--json']);
  assert.equal(r.status, 1);
  const diags = JSON.parse(r.stdout).diagnostics;
  const errors = diags.filter((d) => d.severity === 'error').map((d) => `${d.pointer}: ${d.message}`);
  assert.deepEqual(errors, ['/intent_threshold: expected a number, got string']);
  // Cross-references are checked once the shapes are right.
  pack.intent_threshold = 0.3;
  r = run(['check', write('refs.json', JSON.stringify(pack, null, 2)), '--json']);
  const refs = JSON.parse(r.stdout).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.pointer}: ${d.message}`);
  assert.deepEqual(refs, [
    '/flows/track_order/steps/order_number/next: flow loops and never finishes: order_number -> order_number',
    '/responses/order_status/neutral/0: unknown variable {order_idd} (known: name, orders_url, returns_days, shop_name, order_id)',
  ]);
  for (const d of JSON.parse(r.stdout).diagnostics) assert.ok(d.line > 0 && d.column > 0, JSON.stringify(d));
});

test('the tone check warns with the pointer and a kinder alternative; rules can be replaced', () => {
  const pack = JSON.parse(readFileSync('packs/ecommerce.en.json', 'utf8'));
  pack.responses.returns.neutral[0] = 'Calm down guys, as I already said, returns are obviously free.';
  pack.responses.returns.frustrated[0] = 'Returns are free within 30 days.';
  const p = write('tone.json', JSON.stringify(pack, null, 2));
  const r = run(['check', p]);
  assert.equal(r.status, 0, 'tone warnings alone do not fail the check');
  for (const phrase of ['calm down', 'guys', 'as i already said', 'obviously']) {
    assert.match(r.stderr, new RegExp(`warning: /responses/returns/neutral/0: "${phrase}"`));
  }
  assert.match(r.stderr, /warning: \/responses\/returns\/frustrated\/0: answers a visitor in distress without acknowledging how they feel\n {4}suggestion: open with e\.g\./);
  assert.equal(run(['check', p, '--strict']).status, 1);
  assert.equal(run(['check', p, '--no-tone']).stderr.includes('calm down'), false);
  const rules = write('rules.json', JSON.stringify({ phrases: [{ match: 'free', why: 'nothing is free', suggest: 'included' }] }));
  const custom = run(['check', p, '--tone-rules', rules]);
  assert.match(custom.stderr, /"free": nothing is free\n {4}suggestion: included/);
  assert.equal(custom.stderr.includes('calm down'), false);
});

test('import-csv turns a text,category CSV into a pack that check accepts', () => {
  const csv = write('utterances.csv', '\ufefftext,category\r\n"Where, oh where is my ""parcel""?",Order Status\r\nwhere is my order,Order Status\r\n' +
    'I want a refund,Refunds\r\n,Refunds\r\nno category here,\r\nonly-one-column\r\n"multi\nline question",Refunds\r\n');
  const out = path.join(dir, 'imported.json');
  const r = run(['import-csv', csv, '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /utterances\.csv:5: skipped: empty text/);
  assert.match(r.stderr, /utterances\.csv:6: skipped: empty category/);
  assert.match(r.stderr, /utterances\.csv:7: skipped: expected at least 2 columns, got 1/);
  const pack = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(pack.intents.map((i) => i.name), ['order_status', 'refunds']);
  assert.deepEqual(pack.intents[0].examples, ['Where, oh where is my "parcel"?', 'where is my order']);
  assert.deepEqual(pack.intents[1].examples, ['I want a refund', 'multi\nline question']);
  assert.match(pack.responses.order_status.neutral[0], /TODO/);
  const check = run(['check', out]);
  assert.equal(check.status, 0, check.stderr);
  const chat = run(['chat', '--config', out, '--jsonl'], '{"text":"where is my parcel"}\n');
  assert.equal(JSON.parse(chat.stdout).intent, 'order_status');
});

test('import-csv reports a file it cannot use', () => {
  let r = run(['import-csv', write('nohdr.csv', 'foo,bar\nx,y\n')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /line 1: expected a header with "text" and "category" columns/);
  r = run(['import-csv', write('open.csv', 'text,category\n"never closed,x\n')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /line 2: a quoted field is never closed/);
  assert.equal(run(['import-csv']).status, 2);
  assert.equal(run(['import-csv', path.join(dir, 'missing.csv')]).status, 1);
});

test('check rejects crisis resources for a country code that does not exist and routing to an unlisted team', () => {
  const p = JSON.parse(readFileSync('packs/ecommerce.en.json', 'utf8'));
  p.handoff.crisis_resources.push({ name: 'Samaritans', phone: '116 123', countries: ['UK'] });
  p.handoff.routing.push({ when: { reason: 'anger' }, team: 'complaints' });
  const file = write('countries.json', JSON.stringify(p, null, 2));
  const r = run(['check', file]);
  assert.equal(r.status, 1);
  const n = p.handoff.crisis_resources.length - 1;
  assert.match(r.stderr, new RegExp(`error: /handoff/crisis_resources/${n}/countries/0: "UK" is not an ISO 3166-1 alpha-2 country code`));
  assert.match(r.stderr, new RegExp(`error: /handoff/routing/${p.handoff.routing.length - 1}/team: no team "complaints" in /handoff/teams`));
});

test('check reports a business-hours time zone that Intl does not know', () => {
  const p = JSON.parse(readFileSync('packs/ecommerce.es.json', 'utf8'));
  p.handoff.business_hours = ['mon-fri 09:00-18:00 Europe/Madird'];
  const r = run(['check', write('zone.json', JSON.stringify(p, null, 2))]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /error: \/handoff\/business_hours\/0: unknown time zone "Europe\/Madird"/);
});
