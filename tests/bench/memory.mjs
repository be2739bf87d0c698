// Wasm memory over a long conversation (issue 8, item 5): one engine, 10 000
// turns of varied messages (golden cue texts, hostile payloads, long pastes,
// PII), reporting the wasm linear memory and the core's transcript size every
// 1 000 turns. Growth must level off: the transcript is bounded by
// src/core/limits.h and nothing else in the engine grows per turn.
//
//   node tests/bench/memory.mjs [turns=10000]
//
// The wasm memory of an Emscripten module never shrinks, so its size is the
// high-water mark of the heap; a leak shows as steady growth to the end.
// Exits 1 if memory grew in the second half of the run (a leak), so it can
// back a claim; it prints figures, it does not time anything.
import { readFileSync } from 'node:fs';
import { loadCore } from '../../web/engine.js';

const turns = Number(process.argv[2] ?? 10000);
const dist = new URL('../../dist/', import.meta.url);

// Catch the instance to read its memory (engine.js keeps the module private).
let memory;
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async (...args) => {
  const result = await instantiate.apply(WebAssembly, args);
  const instance = result.instance ?? result;
  memory = Object.values(instance.exports).find((x) => x instanceof WebAssembly.Memory);
  return result;
};
const core = await loadCore({ baseUrl: dist, wasmBinary: readFileSync(new URL('attune-core.wasm', dist)) });
WebAssembly.instantiate = instantiate;
if (!memory) throw new Error('could not find the wasm memory');

const data = (name) => JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url), 'utf8'));
const texts = new Set();
const collect = (v) => {
  if (typeof v === 'string' && v.length > 0 && v.length < 2000) texts.add(v);
  else if (Array.isArray(v)) v.forEach(collect);
  else if (v && typeof v === 'object') Object.values(v).forEach(collect);
};
collect(data('cues.json'));
collect(data('redact.json').cases.map((c) => c.input));
collect(data('xss-payloads.json').payloads.map((p) => p.text));
const messages = [...texts];
messages.push('where is my order '.repeat(600));  // over 8 KiB: cut by the core
messages.push('I want to talk to a human NOW!!! 😡😡😡');

const engine = core.createEngine(readFileSync(new URL('../../packs/ecommerce.en.json', import.meta.url), 'utf8'));
engine.setLimits({ max_messages_per_minute: 0 });  // a benchmark is not a flood
const mb = (bytes) => (bytes / (1 << 20)).toFixed(2);
const rows = [];
const sample = (turn) => {
  const t = engine.transcript({ redact: false });
  const row = { turn, wasm_mb: mb(memory.buffer.byteLength), transcript_entries: t.entries.length, dropped: t.dropped,
    js_heap_mb: mb(process.memoryUsage().heapUsed) };
  rows.push(row);
  console.log(JSON.stringify(row));
};

engine.greet();
sample(0);
let seed = 12345;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
for (let i = 1; i <= turns; i++) {
  const turn = engine.respond(messages[Math.floor(rand() * messages.length)] + (rand() < 0.3 ? ` #${i}` : ''));
  if (turn.limit && turn.limit.code !== 'message_too_long') throw new Error(`unexpected limit ${turn.limit.code}`);
  if (i % 1000 === 0) sample(i);
}
engine.dispose();

const half = rows[Math.floor(rows.length / 2)];
const last = rows.at(-1);
const grew = Number(last.wasm_mb) > Number(half.wasm_mb);
console.log(`memory: wasm linear memory ${rows[0].wasm_mb} MB at start, ${half.wasm_mb} MB after ${half.turn} turns, ` +
  `${last.wasm_mb} MB after ${last.turn} turns (${messages.length} distinct messages); ` +
  `transcript ${last.transcript_entries} entries, ${last.dropped} dropped; ${grew ? 'STILL GROWING' : 'bounded'}`);
process.exit(grew ? 1 : 0);
