#!/usr/bin/env node
// Analyze throughput: the same sentences through Attune natively, in Node
// (wasm), in Chromium (wasm), and through npm vader-sentiment in Node and in
// Chromium, in one run. Prints messages/second and the ratios.
//
//   node tests/bench/analyze.mjs [--native build-x/native/attune-bench] [--seconds 2] [--data DIR]
//
// Sentences: UMSAB English + GoEmotions dev texts from the public data
// (--data DIR, else $ATTUNE_DATA) when present (read at run time), else the golden messages in tests/data/cues.json.
// "analyze" is the full per-turn work the widget does for affect: cleaning,
// tokenizing, valence, every cue detector, the conversation's decision and
// the JSON result handed to JS. vader-sentiment computes valence only.
import { readFileSync, existsSync, writeFileSync, mkdtempSync, rmSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { build } from 'esbuild';
import vader from 'vader-sentiment';
import { loadCore } from '../../web/engine.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const seconds = Number(opt('--seconds', '2'));
const dataDir = path.resolve(opt('--data', process.env.ATTUNE_DATA ?? path.join(root, 'no-public-data')));
const distDir = path.resolve(opt('--dist', path.join(root, 'dist')));

function findNative() {
  const given = opt('--native');
  if (given) return given;
  for (const d of readdirSync(root).filter((d) => d.startsWith('build')).sort()) {
    const p = path.join(root, d, 'native/attune-bench');
    if (existsSync(p)) return p;
  }
  return null;
}

function sentences() {
  const out = [];
  const lines = (f) => readFileSync(f, 'utf8').split('\n').filter(Boolean);
  try {
    for (const split of ['train', 'val']) out.push(...lines(path.join(dataDir, `umsab/english/${split}_text.txt`)));
    out.push(...lines(path.join(dataDir, 'goemotions/dev.tsv')).map((l) => l.split('\t')[0]));
    return { source: `${dataDir} (UMSAB en + GoEmotions dev)`, texts: out.map((t) => t.replace(/[\r\n]+/g, ' ')) };
  } catch {
    const golden = JSON.parse(readFileSync(path.join(root, 'tests/data/cues.json'), 'utf8'));
    return { source: 'tests/data/cues.json', texts: golden.messages.map((m) => m.text) };
  }
}

// Runs fn over all texts until at least `seconds` have passed; returns messages/s.
function timeLoop(texts, fn, secs) {
  for (const t of texts.slice(0, 200)) fn(t);  // warm up (JIT, wasm tiers)
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const t of texts) fn(t);
    n += texts.length;
    elapsed = (performance.now() - start) / 1000;
  } while (elapsed < secs);
  return n / elapsed;
}

const { source, texts } = sentences();
const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t), 0);
console.log(`analyze benchmark: ${texts.length} sentences (avg ${(bytes / texts.length).toFixed(0)} bytes) from ${source}; >= ${seconds} s per run`);
const results = {};

// ---- native
const native = findNative();
if (native) {
  const dir = mkdtempSync(path.join(tmpdir(), 'attune-bench-'));
  const file = path.join(dir, 'sentences.txt');
  writeFileSync(file, texts.join('\n') + '\n');
  const r = spawnSync(native, ['--time', file, '--min-seconds', String(seconds)], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  if (r.status === 0) results['attune native (analyze)'] = JSON.parse(r.stdout).per_second;
  else console.log(`native: ${native} failed: ${r.stderr}`);
} else {
  console.log('native: no build*/native/attune-bench found (build it, or pass --native)');
}

// ---- Node: wasm and vader
const core = await loadCore({ baseUrl: new URL(`file://${distDir}/`), tools: true, wasmBinary: readFileSync(path.join(distDir, 'attune-tools.wasm')) });
const analyzer = core.createAnalyzer();
results['attune node wasm (analyze)'] = timeLoop(texts, (t) => analyzer.analyze(t), seconds);
analyzer.dispose();
results['attune node wasm (valence)'] = timeLoop(texts, (t) => core.valence(t), seconds);
results['vader-sentiment node'] = timeLoop(texts, (t) => vader.SentimentIntensityAnalyzer.polarity_scores(t), seconds);
// A whole turn (analysis + intents + entities + reply), in the tools build
// (-O3, which the analyze figures above use) and in the widget's (-Oz, what
// a page runs): what the size-for-speed trade of the widget build costs.
const widgetCore = await loadCore({ baseUrl: new URL(`file://${distDir}/`), wasmBinary: readFileSync(path.join(distDir, 'attune-core.wasm')) });
const packText = readFileSync(path.join(root, 'packs/ecommerce.en.json'), 'utf8');
for (const [name, c] of [['tools build -O3', core], ['widget build -Oz', widgetCore]]) {
  const engine = c.createEngine(packText);
  engine.setLimits({ max_messages_per_minute: 0 });
  let k = 0;
  results[`attune node wasm (respond, ${name})`] = timeLoop(texts, (t) => {
    if (++k % 100 === 0) engine.reset();  // a conversation of 100 turns, then a new one
    engine.respond(t);
  }, seconds);
  engine.dispose();
}

// ---- Chromium: the same three, in a page
async function browser() {
  const { chromium } = await import('playwright-core');
  const tmp = mkdtempSync(path.join(tmpdir(), 'attune-bench-chromium-'));
  // vader-sentiment is CommonJS: bundle it for the page.
  const vaderJs = (await build({ stdin: { contents: "import v from 'vader-sentiment'; globalThis.vader = v;", resolveDir: root },
    bundle: true, format: 'iife', write: false, logLevel: 'warning' })).outputFiles[0].text;
  const context = await chromium.launchPersistentContext(path.join(tmp, 'profile'), {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    const types = { '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
    await page.route('http://bench.attune/**', (route) => {
      const p = new URL(route.request().url()).pathname;
      if (p === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' });
      if (p === '/vader.js') return route.fulfill({ contentType: 'text/javascript', body: vaderJs });
      const file = p.startsWith('/dist/') ? path.join(distDir, p.slice(6)) : path.join(root, p);
      if (!file.startsWith(root) && !file.startsWith(distDir)) return route.fulfill({ status: 403 });
      if (!existsSync(file)) return route.fulfill({ status: 404 });
      return route.fulfill({ contentType: types[path.extname(file)] ?? 'application/octet-stream', body: readFileSync(file) });
    });
    await page.goto('http://bench.attune/');
    await page.addScriptTag({ url: '/vader.js' });
    return await page.evaluate(async ({ texts, seconds }) => {
      const { loadCore } = await import('/web/engine.js');
      const core = await loadCore({ baseUrl: '/dist/', tools: true });
      // Batches, not single calls: without cross-origin isolation Chrome's
      // clock is coarse (0.1 ms without cross-origin isolation).
      const loop = (fn) => {
        for (const t of texts.slice(0, 200)) fn(t);
        let n = 0;
        const start = performance.now();
        let elapsed = 0;
        do {
          for (const t of texts) fn(t);
          n += texts.length;
          elapsed = (performance.now() - start) / 1000;
        } while (elapsed < seconds);
        return n / elapsed;
      };
      const analyzer = core.createAnalyzer();
      const out = {};
      out['attune chromium wasm (analyze)'] = loop((t) => analyzer.analyze(t));
      analyzer.dispose();
      out['attune chromium wasm (valence)'] = loop((t) => core.valence(t));
      out['vader-sentiment chromium'] = loop((t) => globalThis.vader.SentimentIntensityAnalyzer.polarity_scores(t));
      return out;
    }, { texts, seconds });
  } finally {
    await context.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
try {
  Object.assign(results, await browser());
} catch (err) {
  console.log(`chromium: not measured (${err.message.split('\n')[0]})`);
}

// ---- report
const width = Math.max(...Object.keys(results).map((k) => k.length));
for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(width)}  ${Math.round(v).toLocaleString('en-US').padStart(12)} msg/s`);
const ratio = (a, b) => (results[a] && results[b] ? `${(results[a] / results[b]).toFixed(1)}x` : 'n/a');
console.log('ratios:');
console.log(`  chromium: attune analyze / vader       ${ratio('attune chromium wasm (analyze)', 'vader-sentiment chromium')}   (goal >= 10x)`);
console.log(`  chromium: attune valence / vader       ${ratio('attune chromium wasm (valence)', 'vader-sentiment chromium')}`);
console.log(`  node:     attune analyze / vader       ${ratio('attune node wasm (analyze)', 'vader-sentiment node')}`);
console.log(`  node:     attune valence / vader       ${ratio('attune node wasm (valence)', 'vader-sentiment node')}`);
console.log(`  native analyze / node wasm analyze     ${ratio('attune native (analyze)', 'attune node wasm (analyze)')}`);
console.log(`  respond: tools -O3 / widget -Oz         ${ratio('attune node wasm (respond, tools build -O3)', 'attune node wasm (respond, widget build -Oz)')}`);
