#!/usr/bin/env node
// Valence agreement with human labels: Attune's scorer and npm
// vader-sentiment side by side, on the public labelled data (--data DIR, else
// $ATTUNE_DATA; read at run time, never copied into the repository).
//
//   node tests/bench/valence-eval.mjs [--data DIR] [--dist DIR] [--native build-x/native/attune-bench]
//
// Attune runs through the wasm core in dist/ (what the widget ships), or
// through the native attune-bench with --native (same C++). Data sets:
//   UMSAB tweets (negative/neutral/positive), English train+val, and the other
//     Latin-script languages (VADER's lexicon is English, so both scorers are
//     expected to be weak there; printed for honesty, not tuned for).
//   GoEmotions dev: Reddit comments whose labels all fall in one of the
//     paper's sentiment groups (positive / negative / neutral; rows with
//     ambiguous labels or mixed groups are left out).
// Figures: Spearman correlation of the score with the label (-1/0/+1), and
// 3-class accuracy and macro-F1 with VADER's customary +-0.05 cut.
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import vader from 'vader-sentiment';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dataDir = path.resolve(opt('--data', process.env.ATTUNE_DATA ?? path.join(root, 'no-public-data')));
const native = opt('--native');
const distDir = path.resolve(opt('--dist', path.join(root, 'dist')));

if (!existsSync(dataDir)) {
  console.error(`valence-eval: no data at ${dataDir} (pass --data DIR)`);
  process.exit(1);
}

// ---- data
const lines = (f) => readFileSync(f, 'utf8').split('\n').filter((l, i, a) => i < a.length - 1 || l !== '');
function umsab(lang) {
  const texts = [], labels = [];
  for (const split of ['train', 'val']) {
    const t = lines(path.join(dataDir, 'umsab', lang, `${split}_text.txt`));
    const l = lines(path.join(dataDir, 'umsab', lang, `${split}_labels.txt`));
    if (t.length !== l.length) throw new Error(`umsab/${lang}/${split}: ${t.length} texts, ${l.length} labels`);
    texts.push(...t);
    labels.push(...l.map((x) => Number(x) - 1));
  }
  return { texts, labels };
}
function goemotions() {
  const names = lines(path.join(dataDir, 'goemotions/labels.txt'));
  const group = {};
  for (const l of ['admiration', 'amusement', 'approval', 'caring', 'desire', 'excitement', 'gratitude', 'joy', 'love', 'optimism', 'pride', 'relief']) group[l] = 1;
  for (const l of ['anger', 'annoyance', 'disappointment', 'disapproval', 'disgust', 'embarrassment', 'fear', 'grief', 'nervousness', 'remorse', 'sadness']) group[l] = -1;
  group.neutral = 0;
  const texts = [], labels = [];
  for (const row of lines(path.join(dataDir, 'goemotions/dev.tsv'))) {
    const [text, ids] = row.split('\t');
    const gs = new Set(ids.split(',').map((i) => group[names[Number(i)]]));
    if (gs.size !== 1 || gs.has(undefined)) continue;
    texts.push(text);
    labels.push([...gs][0]);
  }
  return { texts, labels };
}

// ---- scorers
async function attuneScores(texts) {
  const oneLine = texts.map((t) => t.replace(/[\r\n]+/g, ' '));
  if (native) {
    const r = spawnSync(native, ['--jsonl'], { input: oneLine.join('\n') + '\n', maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`${native} failed: ${r.stderr}`);
    const out = r.stdout.toString().trim().split('\n').map((l) => JSON.parse(l).valence);
    if (out.length !== texts.length) throw new Error(`${native}: ${out.length} results for ${texts.length} lines`);
    return out;
  }
  const { loadCore } = await import(path.join(root, 'web/engine.js'));
  const core = await loadCore({ baseUrl: new URL('file://' + distDir + '/'), tools: true, wasmBinary: readFileSync(path.join(distDir, 'attune-tools.wasm')) });
  return oneLine.map((t) => core.valence(t));
}
const vaderScores = (texts) => texts.map((t) => vader.SentimentIntensityAnalyzer.polarity_scores(t).compound);

// ---- metrics
function ranks(xs) {
  const idx = xs.map((x, i) => [x, i]).sort((a, b) => a[0] - b[0]);
  const r = new Array(xs.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1][0] === idx[i][0]) j++;
    for (let k = i; k <= j; k++) r[idx[k][1]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}
function pearson(a, b) {
  const n = a.length, ma = a.reduce((s, x) => s + x, 0) / n, mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}
const spearman = (a, b) => pearson(ranks(a), ranks(b));
function classify(scores, labels) {
  const pred = scores.map((s) => (s >= 0.05 ? 1 : s <= -0.05 ? -1 : 0));
  const acc = pred.filter((p, i) => p === labels[i]).length / labels.length;
  let f1 = 0;
  for (const c of [-1, 0, 1]) {
    const tp = pred.filter((p, i) => p === c && labels[i] === c).length;
    const fp = pred.filter((p, i) => p === c && labels[i] !== c).length;
    const fn = pred.filter((p, i) => p !== c && labels[i] === c).length;
    f1 += tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
  }
  return { acc, f1: f1 / 3 };
}

const sets = [['UMSAB english (tweets)', umsab('english')], ['GoEmotions dev (sentiment groups)', goemotions()]];
for (const lang of ['spanish', 'french', 'german', 'portuguese', 'italian']) sets.push([`UMSAB ${lang}`, umsab(lang)]);

console.log(`valence agreement with human labels (data: ${dataDir}; attune via ${native ? 'native ' + native : 'wasm ' + distDir})`);
console.log('set'.padEnd(36) + 'n'.padStart(6) + '  scorer            spearman  accuracy  macro-F1');
for (const [name, { texts, labels }] of sets) {
  const ours = await attuneScores(texts);
  const theirs = vaderScores(texts);
  for (const [who, s] of [['attune', ours], ['vader-sentiment', theirs]]) {
    const { acc, f1 } = classify(s, labels);
    console.log(`${(who === 'attune' ? name : '').padEnd(36)}${(who === 'attune' ? String(texts.length) : '').padStart(6)}  ${who.padEnd(16)}  ${spearman(s, labels).toFixed(3).padStart(8)}  ${acc.toFixed(3).padStart(8)}  ${f1.toFixed(3).padStart(8)}`);
  }
}
