// Judgement benchmark: what the judgement model costs a page. Prints the
// model's download (raw, gzip -9, brotli) and the median / p90 time of a
// whole turn (engine.respond: judgement, intents, decision, reply) in the
// widget's wasm build, with and without the model, in the same run, on the
// held-out English messages; then the same in Chromium (playwright-core),
// where performance.now() is coarse without cross-origin isolation, so turns
// are timed in batches of 20 and the batch medians divided.
//   node tests/bench/judgement.mjs [--rounds N] [--no-chromium]
import { readFileSync, existsSync } from 'node:fs';
import { openBenchPage } from './chromium.mjs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { loadCore } from '../../web/engine.js';

const root = new URL('../../', import.meta.url);
const dist = new URL('dist/', root);
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;
const model = readFileSync(new URL('models/judgement.bin', dist));
const kb = (n) => (n / 1024).toFixed(1) + ' KB';
console.log(`size dist/models/judgement.bin: raw ${kb(model.length)}, gzip -9 ${kb(gzipSync(model, { level: 9 }).length)}, ` +
  `brotli q11 ${kb(brotliCompressSync(model, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length)}`);

const core = await loadCore({ baseUrl: dist, wasmBinary: readFileSync(new URL('attune-core.wasm', dist)) });
const pack = readFileSync(new URL('packs/ecommerce.en.json', root), 'utf8');
const lines = readFileSync(new URL('models/judgement/corpus/test/en.tsv', root), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t')[4]);
const figures = {};
for (const withModel of [false, true]) {
  const t0 = performance.now();
  const judgement = withModel ? core.loadJudgement(model) : null;
  const load = performance.now() - t0;
  const engine = core.createEngine(pack, { judgement });
  judgement?.dispose();
  engine.setLimits({ max_messages_per_minute: 0 });
  const times = [];
  // performance.now() is fine-grained in Node; conversations of 8 turns.
  for (let r = 0; r < rounds; r++) {
    lines.forEach((l, i) => {
      if (i % 8 === 0) engine.reset();
      const a = performance.now();
      engine.respond(l);
      times.push(performance.now() - a);
    });
  }
  engine.dispose();
  times.sort((a, b) => a - b);
  figures[withModel] = times[times.length >> 1];
  console.log(`turn ${withModel ? 'with judgement' : 'patterns only '}: median ${times[times.length >> 1].toFixed(3)} ms, ` +
    `p90 ${times[Math.floor(times.length * 0.9)].toFixed(3)} ms over ${times.length} turns` + (withModel ? `; model load ${load.toFixed(1)} ms` : ''));
}
console.log(`judgement costs ${(figures[true] / figures[false]).toFixed(2)}x a patterns-only turn (target: a whole turn <= 0.3 ms median)`);

if (!process.argv.includes('--no-chromium') && existsSync('/usr/bin/chromium')) {
  const files = {
    '/attune-core.mjs': [readFileSync(new URL('attune-core.mjs', dist)), 'text/javascript'],
    '/attune-core.wasm': [readFileSync(new URL('attune-core.wasm', dist)), 'application/wasm'],
    '/judgement.bin': [model, 'application/octet-stream'],
    '/pack.json': [Buffer.from(pack), 'application/json'],
    '/lines.json': [Buffer.from(JSON.stringify(lines)), 'application/json'],
    '/': [Buffer.from('<!doctype html><title>bench</title>'), 'text/html'],
  };
  const page = await openBenchPage(files);
  try {
    const r = await page.evaluate(async (rounds) => {
      const { default: create } = await import('/attune-core.mjs');
      const mod = await create({ locateFile: (p) => '/' + p });
      const pack = await (await fetch('/pack.json')).text();
      const lines = await (await fetch('/lines.json')).json();
      const bytes = new Uint8Array(await (await fetch('/judgement.bin')).arrayBuffer());
      const out = {};
      for (const withModel of [false, true]) {
        const engine = new mod.Engine(pack);
        engine.setLimits(JSON.stringify({ max_messages_per_minute: 0 }));
        if (withModel) {
          const j = new mod.Judgement(bytes);
          engine.setJudgement(j);
          j.delete();
        }
        const batches = [];
        for (let k = 0; k < rounds; k++) {
          for (let i = 0; i + 20 <= lines.length; i += 20) {
            engine.reset();
            const t0 = performance.now();
            for (let m = i; m < i + 20; m++) engine.respond(lines[m], null);
            batches.push((performance.now() - t0) / 20);
          }
        }
        engine.delete();
        batches.sort((a, b) => a - b);
        out[withModel] = batches[batches.length >> 1];
      }
      return { out, ua: navigator.userAgent };
    }, rounds);
    console.log(`chromium turn (${r.ua.match(/Chrome\/[\d.]+/)?.[0]}, widget build, median of 20-turn batches): patterns only ${r.out.false.toFixed(3)} ms, ` +
      `with judgement ${r.out.true.toFixed(3)} ms (${(r.out.true / r.out.false).toFixed(2)}x; target <= 0.3 ms)`);
  } finally {
    await page.closeAll();
  }
}
