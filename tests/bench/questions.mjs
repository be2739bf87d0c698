#!/usr/bin/env node
// The realistic question sets (tests/data/questions) against the packs:
// per pack × language and per split, n, accuracy, in-scope accuracy and
// out-of-scope recall, then the misses. Prints figures; asserts nothing (the
// tests that hold the packs to 0.95 are tests/core/questions_test.cc and
// tests/js/questions.test.mjs).
//
//   node tests/bench/questions.mjs [--split dev|test] [--packs DIR] [--questions DIR] [--dist DIR] [--transcript]
//
// Without --split both halves (and the whole file) are measured and only dev's misses are listed:
// pack authors tune on dev, test stays held out (--split test lists its misses,
// for whoever reviews the figures). --packs DIR reads <pack>.<lang>.json from DIR
// instead of packs/ (a language with no file there is skipped). --transcript
// prints instead how the demo shop's pack (ecommerce.en) answers the questions
// of issue 15: reply text, intent, response.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { loadCore } from '../../web/engine.js';
import { loadSets, replaySet, figures, describeMiss, defaultPacksDir } from '../data/questions/replay.mjs';

const { values: opts } = parseArgs({ options: {
  split: { type: 'string' }, packs: { type: 'string' }, dist: { type: 'string' }, transcript: { type: 'boolean' },
  questions: { type: 'string' },
} });
if (opts.split && !['dev', 'test'].includes(opts.split)) throw new Error(`--split must be dev or test, not "${opts.split}"`);
const packsDir = path.resolve(opts.packs ?? defaultPacksDir);
const dist = pathToFileURL(path.resolve(opts.dist ?? new URL('../../dist/', import.meta.url).pathname) + '/');
// The tools build, as the CLI runs it: the same engine as the widget's (tests/js/engine.test.mjs), -O3.
const core = await loadCore({ baseUrl: dist, tools: true, wasmBinary: readFileSync(new URL('attune-tools.wasm', dist)) });

// Issue 15's questions for the demo shop.
const TRANSCRIPT = ['do you accept paypal?', 'can I cancel my order?', 'my discount code is not working',
  'when will I get my refund?', 'I need to change my delivery address'];

if (opts.transcript) {
  const file = path.join(packsDir, 'ecommerce.en.json');
  const set = { packText: readFileSync(file, 'utf8') };
  console.log(`The demo shop (${path.relative(process.cwd(), file)}), each question a new conversation:\n`);
  for (const { q, turn } of replaySet(core, set, TRANSCRIPT.map((text) => ({ text, expect: '?' })))) {
    console.log(`visitor: ${q.text}`);
    console.log(`bot:     ${turn.reply.replace(/\n/g, '\n         ')}`);
    if (turn.quick_replies.length) console.log(`         (quick replies: ${turn.quick_replies.join(' | ')})`);
    console.log(`         [intent ${turn.intent}, confidence ${turn.confidence.toFixed(2)}, response ${turn.response}]\n`);
  }
  process.exit(0);
}

const pct = (x) => (x === null ? '   -' : `${(100 * x).toFixed(1).padStart(5)}%`);
const splits = opts.split ? [opts.split] : ['dev', 'test'];
const rows = [];
const misses = [];
const skipped = [];
for (const set of loadSets(packsDir, opts.questions ? path.resolve(opts.questions) : undefined)) {
  if (!set.packText) {
    skipped.push(`${set.pack}.${set.language}`);
    continue;
  }
  const results = replaySet(core, set, set.questions.filter((q) => splits.includes(q.split)));
  // "all" is what the tests hold to 95 %.
  for (const split of opts.split ? splits : [...splits, 'all']) {
    const f = figures(results.filter((r) => split === 'all' || r.q.split === split));
    rows.push([set.pack, set.language, split, String(f.n), pct(f.accuracy), pct(f.in_scope), pct(f.oos_recall)]);
  }
  const shown = results.filter((r) => !r.right && (opts.split || r.q.split === 'dev'));
  const held = results.filter((r) => !r.right && !opts.split && r.q.split === 'test').length;
  if (shown.length || held) misses.push(`${set.pack}.${set.language}${held ? ` (+${held} test misses held out)` : ''}:`, ...shown.map((r) => '  ' + describeMiss(r)));
}

const head = ['pack', 'lang', 'split', 'n', 'accuracy', 'in-scope', 'oos recall'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`packs: ${packsDir}\n`);
console.log(line(head));
for (const r of rows) console.log(line(r));
if (skipped.length) console.log(`\nskipped (no pack file): ${skipped.join(', ')}`);
if (misses.length) console.log(`\nmisses:\n${misses.join('\n')}`);
