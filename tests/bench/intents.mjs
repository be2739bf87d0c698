#!/usr/bin/env node
// Intent model benchmark: accuracy on held-out splits and training time,
// natively (attune-native intents), in Node (the wasm) and in Chromium (the
// wasm, via playwright-core). Prints figures; asserts nothing.
//
//   node tests/bench/intents.mjs [--native build/native/attune-native | --no-native] [--native-only | --no-chromium] [--runs 5] [--dist DIR] [--folds 10] [--oos-only] [--oos-validation-only]
//
// Data: the public sets in $ATTUNE_DATA (never copied into the repository). The held-out
// split is carved deterministically from BANKING77's train.csv (the 5th of
// every 10 rows of each category); Bitext's 20k utterances are split the
// same way. Training time is measured on all 10 003 BANKING77 rows (the
// issue's "10 000 examples" target), from pack JSON text to a trained model.
//
// The shipped packs (packs/*.json) are measured the same way on their own
// examples: every 5th example of each intent held out (the 5th, 10th, ...),
// then 5-fold (each 5th in turn, so every example is held out once), with the
// intents' patterns in force as in a real turn. Spanish packs are measured a
// second time with the accents stripped from the held-out messages, the way
// many visitors type ("donde esta mi pedido").
//
// Out of scope (native only; --oos-only prints just this and the packs): a
// CLINC150-style split of BANKING77. The intents in sorted order, every 5th
// (the 5th, 10th, ..., 75th: 15 of 77) is "unknown": none of its rows is
// trained on. The other 62 are trained on, less their held-out rows (the
// 5th of every 10, as above), which are the in-scope test; all the unknown
// intents' rows are the out-of-scope test (they should come out "none").
// In-scope accuracy counts a rejected in-scope message as an error. The rule
// is the recognizer's own (learnt from the pack's examples at load); it was
// chosen on a validation split carved from the training rows alone (every
// 5th of the 62 known intents from the 3rd as unknown, the 4th of every 10
// rows of the others as in-scope), printed first, before the test figures.
// The trade-off lines show other thresholds on `in_scope`, and the old rule
// (a threshold on the confidence alone) for comparison.
//
// --folds K (native only) also prints BANKING77's K-fold accuracy (the k-th
// of every K rows of each category held out in turn): 1 005 held-out rows
// move by 0.1 % per message, so a change worth keeping should show on all
// 10 003 too.
import { readFileSync, writeFileSync, mkdtempSync, existsSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { openBenchPage } from './chromium.mjs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../src/cli/commands/import-csv.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = process.env.ATTUNE_DATA ?? path.resolve(root, 'no-public-data');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const RUNS = Number(opt('--runs', 5));
const nativeBin = args.includes('--no-native') ? null : opt('--native', ['build/native', 'build-packs/native'].map((d) => path.join(root, d, 'attune-native')).find(existsSync));

function load(file, textCol, catCol) {
  const rows = parseCsv(readFileSync(file, 'utf8'));
  const header = rows[0].fields;
  const ti = header.indexOf(textCol), ci = header.indexOf(catCol);
  return rows.slice(1).filter((r) => r.fields[ti] && r.fields[ci]).map((r) => ({ text: r.fields[ti], label: r.fields[ci] }));
}

function split(rows, folds = 10, fold = 4) {
  const seen = new Map();
  const train = [], test = [];
  for (const r of rows) {
    const k = seen.get(r.label) ?? 0;
    seen.set(r.label, k + 1);
    (k % folds === fold ? test : train).push(r);
  }
  return { train, test };
}

function packOf(rows, id) {
  const by = new Map();
  for (const r of rows) { if (!by.has(r.label)) by.set(r.label, []); by.get(r.label).push(r.text); }
  return JSON.stringify({
    version: 1, id, intent_threshold: 0, responses: { greeting: 'Hi', fallback: 'Sorry?', answer: 'OK' },
    intents: [...by].map(([name, examples]) => ({ name, examples, response: 'answer' })),
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (x) => (100 * x).toFixed(2) + ' %';

// Expected calibration error over 10 confidence bins.
function ece(preds, test) {
  const bins = Array.from({ length: 10 }, () => ({ n: 0, conf: 0, ok: 0 }));
  preds.forEach((p, i) => {
    const b = bins[Math.min(9, Math.floor(p.confidence * 10))];
    b.n++; b.conf += p.confidence; b.ok += p.intent === test[i].label ? 1 : 0;
  });
  return bins.reduce((e, b) => e + (b.n ? (b.n / preds.length) * Math.abs(b.conf / b.n - b.ok / b.n) : 0), 0);
}

// Accuracy of the top intent (`best`: in scope or not; builds that only
// return `intent` give the intent at the pack's threshold 0).
function score(preds, test) {
  const top = preds.map((p) => ({ ...p, intent: p.best ?? p.intent }));
  const acc = top.filter((p, i) => p.intent === test[i].label).length / test.length;
  return { acc, ece: ece(top, test) };
}

const banking = load(path.join(dataDir, 'banking77/train.csv'), 'text', 'category');
const bitext = load(path.join(dataDir, 'bitext/bitext_20k_utterances.csv'), 'utterance', 'intent');
const sets = {
  banking77: { ...split(banking), all: banking },
  bitext: { ...split(bitext), all: bitext },
};
const tmp = mkdtempSync(path.join(tmpdir(), 'attune-bench-'));
const packs = {};
for (const [name, s] of Object.entries(sets)) {
  packs[name] = { split: packOf(s.train, name), all: packOf(s.all, name + '-all') };
  console.log(`${name}: ${s.all.length} rows, ${new Set(s.all.map((r) => r.label)).size} intents; train ${s.train.length}, held-out ${s.test.length}`);
}

// --- The shipped packs: held-out examples of their own --------------------
function packFigures(recognize) {
  const fold = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const files = readdirSync(path.join(root, 'packs')).filter((f) => /^[\w-]+\.[a-z]{2}\.json$/.test(f)).sort();
  for (const file of files) {
    const pack = JSON.parse(readFileSync(path.join(root, 'packs', file), 'utf8'));
    const lang = file.split('.').at(-2);
    // k = 4: every 5th example; all k: 5-fold. An intent's only example stays.
    const run = (k, strip) => {
      const copy = { ...pack, intent_threshold: 0 };  // the pack's is applied below
      const test = [];
      copy.intents = pack.intents.map((it) => ({
        ...it,
        examples: (it.examples ?? []).filter((e, i, all) => (i % 5 === k && all.length > 1 ? (test.push({ text: strip ? fold(e) : e, label: it.name }), false) : true)),
      }));
      return { test, preds: recognize(JSON.stringify(copy), test.map((t) => t.text)) };
    };
    const summary = (results) => {
      let n = 0, ok = 0, right = 0, wrong = 0;
      for (const { test, preds } of results) {
        preds.forEach((p, i) => {
          n++;
          ok += (p.best ?? p.intent) === test[i].label;  // the top intent, whatever the scope
          // At the pack's threshold, with out-of-scope rejection (`intent`
          // is "none" below the threshold or out of scope).
          if (p.intent !== 'none' && p.confidence >= (pack.intent_threshold ?? 0)) (p.intent === test[i].label ? right++ : wrong++);
        });
      }
      const q = (x) => `${(100 * x / n).toFixed(1)} %`;
      return { text: `${ok}/${n} = ${q(ok)}`, detail: `at threshold ${pack.intent_threshold}: right ${q(right)}, wrong ${q(wrong)}, none ${q(n - right - wrong)}` };
    };
    const variants = lang === 'en' ? [false] : [false, true];
    for (const strip of variants) {
      const fifth = summary([run(4, strip)]);
      const cv = summary([0, 1, 2, 3, 4].map((k) => run(k, strip)));
      console.log(`pack    ${file.padEnd(20)}${strip ? ' accents stripped' : ''} every 5th held out: ${fifth.text}; 5-fold: ${cv.text} (${cv.detail})`);
    }
  }
}

// --- Out of scope ------------------------------------------------------------
function runNative(packJson, texts) {
  const f = path.join(tmp, 'pack.json');
  writeFileSync(f, packJson);
  const r = spawnSync(nativeBin, ['intents', f], { input: texts.map((t) => t.replace(/\n/g, ' ')).join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr);
  return { preds: r.stdout.trim().split('\n').map((l) => JSON.parse(l)), info: JSON.parse(r.stderr.trim().split('\n').at(-1)) };
}

// One split: `unknown` intents never trained on; rows of the others at
// position k % 10 == fold are the in-scope test; `exclude` rows are left out.
function oosRun(title, rows, unknown, fold, exclude = () => false) {
  const seen = new Map();
  const train = [], inScope = [], outOfScope = [];
  for (const r of rows) {
    const k = seen.get(r.label) ?? 0;
    seen.set(r.label, k + 1);
    if (exclude(r, k)) continue;
    if (unknown.has(r.label)) outOfScope.push(r);
    else (k % 10 === fold ? inScope : train).push(r);
  }
  const test = [...inScope, ...outOfScope];
  const { preds, info } = runNative(packOf(train, 'oos'), test.map((t) => t.text));
  const isp = preds.slice(0, inScope.length), oop = preds.slice(inScope.length);
  const figures = (inAcc, oosRec) => `in-scope accuracy ${pct(inAcc)}, out-of-scope recall ${pct(oosRec)}`;
  const rate = (xs, f) => xs.filter(f).length / xs.length;
  console.log(`native  ${title}: ${new Set(train.map((r) => r.label)).size} intents, train ${train.length}, in-scope test ${inScope.length}, out-of-scope test ${outOfScope.length} (${unknown.size} intents); load ${info.train_ms.toFixed(0)} ms`);
  console.log(`          top intent, no rejection: in-scope accuracy ${pct(rate(isp, (p, i) => p.best === inScope[i].label))}`);
  console.log(`          learnt rule (in_scope >= ${info.out_of_scope_threshold.toFixed(2)}): ${figures(rate(isp, (p, i) => p.intent === inScope[i].label), rate(oop, (p) => p.intent === 'none'))}`);
  const curve = (name, keep, ts) => console.log(`          ${name}: ` + ts.map((t) => {
    const a = rate(isp, (p, i) => keep(p, t) && p.best === inScope[i].label), r = rate(oop, (p) => !keep(p, t));
    return `${t.toFixed(2)} ${(100 * a).toFixed(1)}/${(100 * r).toFixed(1)}`;
  }).join(', '));
  curve('threshold on in_scope (in-scope acc / OOS recall %)', (p, t) => p.in_scope >= t, [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
  curve('old rule, threshold on confidence', (p, t) => p.confidence >= t, [0.2, 0.35, 0.5, 0.7, 0.8, 0.9]);
  const cl = isp.map((p, i) => ({ p, label: inScope[i].label })).filter(({ p }) => p.clarify);
  console.log(`          clarify ("A or B?") on ${pct(cl.length / inScope.length)} of in-scope messages (best right ${pct(rate(cl, ({ p, label }) => p.best === label))}, best or runner-up ${pct(rate(cl, ({ p, label }) => p.best === label || p.runner_up === label))}); on ${pct(rate(oop, (p) => p.clarify))} of out-of-scope ones`);
  console.log(`          learnt rule, a clarify counted as right when the intent is one of the two: in-scope ${pct(rate(isp, (p, i) => p.intent === inScope[i].label || (p.clarify && [p.best, p.runner_up].includes(inScope[i].label))))}; out-of-scope declined without a clarify ${pct(rate(oop, (p) => p.intent === 'none' && !p.clarify))}`);
}

function oosFigures() {
  const intents = [...new Set(banking.map((r) => r.label))].sort();
  const unknown = new Set(intents.filter((_, i) => i % 5 === 4));
  const known = intents.filter((l) => !unknown.has(l));
  // Validation: from the training rows alone (no test row, no unknown intent).
  const valUnknown = new Set(known.filter((_, i) => i % 5 === 2));
  oosRun('banking77 out-of-scope VALIDATION split', banking, valUnknown, 3, (r, k) => unknown.has(r.label) || k % 10 === 4);
  if (!args.includes('--oos-validation-only')) oosRun('banking77 out-of-scope TEST split', banking, unknown, 4);
}

// --- native ---------------------------------------------------------------
const OOS_ONLY = args.includes('--oos-only');
if (nativeBin) {
  if (!OOS_ONLY) for (const [name, s] of Object.entries(sets)) {
    const file = path.join(tmp, `${name}.json`);
    writeFileSync(file, packs[name].split);
    const r = spawnSync(nativeBin, ['intents', file], { input: s.test.map((t) => t.text.replace(/\n/g, ' ')).join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 26 });
    const preds = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    const { acc, ece: e } = score(preds, s.test);
    console.log(`native  ${name.padEnd(9)} held-out accuracy ${pct(acc)}  ECE ${e.toFixed(3)}  (train ${JSON.parse(r.stderr).train_ms.toFixed(0)} ms on ${s.train.length})`);
  }
  oosFigures();
  if (!OOS_ONLY) {
  const file = path.join(tmp, 'banking77-all.json');
  writeFileSync(file, packs.banking77.all);
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push(JSON.parse(spawnSync(nativeBin, ['intents', file], { input: '', encoding: 'utf8' }).stderr).train_ms);
  console.log(`native  train ${sets.banking77.all.length} examples: median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, ${RUNS} runs)`);
  const FOLDS = Number(opt('--folds', 0));
  if (FOLDS > 1) {
    let right = 0;
    for (let k = 0; k < FOLDS; k++) {
      const { train, test } = split(banking, FOLDS, k);
      const file = path.join(tmp, 'fold.json');
      writeFileSync(file, packOf(train, 'fold'));
      const r = spawnSync(nativeBin, ['intents', file], { input: test.map((t) => t.text.replace(/\n/g, ' ')).join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 26 });
      r.stdout.trim().split('\n').forEach((l, i) => { right += JSON.parse(l).intent === test[i].label; });
    }
    console.log(`native  banking77 ${FOLDS}-fold accuracy ${pct(right / banking.length)} (${right}/${banking.length})`);
  }
  }
  packFigures((packJson, texts) => {
    const f = path.join(tmp, 'pack.json');
    writeFileSync(f, packJson);
    const r = spawnSync(nativeBin, ['intents', f], { input: texts.map((t) => t.replace(/\n/g, ' ')).join('\n') + '\n', encoding: 'utf8' });
    return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  });
} else {
  console.log('native: attune-native not found (pass --native PATH); skipped');
}

// --- Node (wasm) ------------------------------------------------------------
if (OOS_ONLY || args.includes('--native-only')) process.exit(0);
const dist = path.resolve(opt('--dist', path.join(root, 'dist')));
const { default: createAttuneCore } = await import(path.join(dist, 'attune-tools.mjs'));
const m = await createAttuneCore({ wasmBinary: readFileSync(path.join(dist, 'attune-tools.wasm')) });
for (const [name, s] of Object.entries(sets)) {
  const t0 = performance.now();
  const model = new m.IntentModel(packs[name].split);
  const ms = performance.now() - t0;
  if (!model.ok()) throw new Error(model.errorMessage());
  const preds = s.test.map((t) => JSON.parse(model.recognize(t.text)));
  model.delete();
  const { acc, ece: e } = score(preds, s.test);
  console.log(`node    ${name.padEnd(9)} held-out accuracy ${pct(acc)}  ECE ${e.toFixed(3)}  (train ${ms.toFixed(0)} ms on ${s.train.length})`);
}
{
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const model = new m.IntentModel(packs.banking77.all);
    times.push(performance.now() - t0);
    model.delete();
  }
  console.log(`node    train ${sets.banking77.all.length} examples (wasm): median ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, ${RUNS} runs)`);
}
if (!nativeBin) {
  packFigures((packJson, texts) => {
    const model = new m.IntentModel(packJson);
    if (!model.ok()) throw new Error(model.errorMessage());
    const preds = texts.map((t) => JSON.parse(model.recognize(t)));
    model.delete();
    return preds;
  });
}

// --- Chromium (wasm) --------------------------------------------------------
if (!args.includes('--no-chromium')) {
  let chromium;
  try { ({ chromium } = await import('playwright-core')); } catch { console.log('chromium: playwright-core not installed; skipped'); }
  if (chromium && existsSync('/usr/bin/chromium')) {
    const files = {
      '/attune-tools.mjs': [readFileSync(path.join(dist, 'attune-tools.mjs')), 'text/javascript'],
      '/attune-tools.wasm': [readFileSync(path.join(dist, 'attune-tools.wasm')), 'application/wasm'],
      '/attune-core.mjs': [readFileSync(path.join(dist, 'attune-core.mjs')), 'text/javascript'],
      '/attune-core.wasm': [readFileSync(path.join(dist, 'attune-core.wasm')), 'application/wasm'],
      '/pack.json': [Buffer.from(packs.banking77.all), 'application/json'],
      '/': [Buffer.from('<!doctype html><title>bench</title>'), 'text/html'],
    };
    const page = await openBenchPage(files);
    try {
      const result = await page.evaluate(async (runs) => {
        const { default: create } = await import('/attune-tools.mjs');
        const mod = await create({ locateFile: (p) => '/' + p });
        const pack = await (await fetch('/pack.json')).text();
        const times = [];
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          const model = new mod.IntentModel(pack);
          times.push(performance.now() - t0);
          model.delete();
        }
        // What a page pays at load: the widget's build (-Oz) parses the pack
        // and trains the same model inside Engine's constructor.
        const { default: createWidget } = await import('/attune-core.mjs');
        const widget = await createWidget({ locateFile: (p) => '/' + p });
        const engineTimes = [];
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          const engine = new widget.Engine(pack);
          engineTimes.push(performance.now() - t0);
          if (!engine.ok()) throw new Error(engine.errorMessage());
          engine.delete();
        }
        return { times, engineTimes, ua: navigator.userAgent };
      }, RUNS);
      console.log(`chromium train ${sets.banking77.all.length} examples (wasm, tools build -O3): median ${median(result.times).toFixed(0)} ms (min ${Math.min(...result.times).toFixed(0)}, ${RUNS} runs; ${result.ua.match(/Chrome\/[\d.]+/)?.[0]})`);
      console.log(`chromium engine from that pack (widget build -Oz: parse + validate + train): median ${median(result.engineTimes).toFixed(0)} ms (min ${Math.min(...result.engineTimes).toFixed(0)}, ${RUNS} runs)`);
    } finally {
      await page.closeAll();
    }
  } else if (chromium) {
    console.log('chromium: /usr/bin/chromium not found; skipped');
  }
}
