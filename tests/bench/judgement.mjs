// Judgement benchmark: what the judgement model costs a page. Prints the
// model's download (raw, gzip -9, brotli) and the median / p90 time of a
// whole turn (engine.respond: judgement, intents, decision, reply) in the
// widget's wasm build, with and without the model, in the same run, on the
// held-out English messages.
//   node tests/bench/judgement.mjs [--rounds N]
import { readFileSync } from 'node:fs';
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
