// Writes the seed corpora for the fuzz targets from the repository's golden
// data (tests/data/*.json) and packs (packs/*.json), so every fuzzer starts
// from inputs the tests already care about.
//   node tests/fuzz/seeds.mjs <out-dir>   -> <out-dir>/<target>/<sha1>
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = process.argv[2];
if (!out) {
  console.error('usage: node tests/fuzz/seeds.mjs <out-dir>');
  process.exit(2);
}

const jsonFiles = (dir) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => join(dir, f)) : [];

// Every string in a JSON value, recursively.
function strings(value, acc = []) {
  if (typeof value === 'string') acc.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, acc));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, acc));
  return acc;
}

const texts = new Set();
for (const file of jsonFiles(join(root, 'tests', 'data'))) {
  if (statSync(file).size > 4 << 20) continue;
  let doc;
  try { doc = JSON.parse(readFileSync(file, 'utf8')); } catch { continue; }
  for (const s of strings(doc)) if (s.length > 0 && s.length <= 4096) texts.add(s);
}
const packs = [...jsonFiles(join(root, 'packs')), ...jsonFiles(join(root, 'tests', 'data', 'packs'))]
  .filter((f) => !f.endsWith('.schema.json'));
const templates = new Set();
const patterns = new Set(['[A-Z]{2}\\d{6}', '#?\\d{5,}', 'SKU-[0-9A-Z]+', '\\w+@\\w+']);
for (const file of packs) {
  try {
    const pack = JSON.parse(readFileSync(file, 'utf8'));
    for (const s of strings(pack.responses ?? {})) templates.add(s);
    for (const e of Object.values(pack.entities ?? {})) if (typeof e?.pattern === 'string') patterns.add(e.pattern);
    for (const e of Array.isArray(pack.entities) ? pack.entities : []) if (typeof e?.pattern === 'string') patterns.add(e.pattern);
  } catch { /* seeds only */ }
}

function write(target, contents) {
  const dir = join(out, target);
  mkdirSync(dir, { recursive: true });
  const name = createHash('sha1').update(contents).digest('hex');
  writeFileSync(join(dir, name), contents);
}

const sample = [...texts].slice(0, 3000);
for (const t of sample) {
  write('fuzz_analyze', t);
  write('fuzz_redact', t);
  write('fuzz_entities', t);
}
for (const file of packs) write('fuzz_pack', readFileSync(file));
let k = 0;
for (const p of patterns) for (let n = 0; n < 20; n++) write('fuzz_entities', `${p}\n${sample[k++ % Math.max(1, sample.length)] ?? ''}`);
const msgs = sample.filter((t) => !t.includes('\n'));
let i = 0;
for (const t of [...templates].slice(0, 300)) {
  write('fuzz_conversation', `${i % 20 === 0 ? '!' : ''}${t.replace(/\n/g, ' ')}\n${msgs[i++ % Math.max(1, msgs.length)] ?? 'hello'}\n${msgs[i++ % Math.max(1, msgs.length)] ?? 'where is my order'}`);
}
// fuzz_render: a variables line, then templates (a pack's variants, hostile
// texts from the golden data as variable values and as templates).
const tmplList = [...templates];
for (let n = 0; n < 400 && tmplList.length; n++) {
  const value = msgs[n % Math.max(1, msgs.length)]?.replace(/[|\n]/g, ' ') ?? 'Ann';
  const lines = [tmplList[n % tmplList.length], tmplList[(n * 7 + 3) % tmplList.length], n % 5 === 0 ? value : tmplList[(n * 13 + 1) % tmplList.length]];
  write('fuzz_render', [`name=${value}|order_id=A${n}|shop_name=Shop`, ...lines.map((l) => l.replace(/\n/g, ' '))].join('\n'));
}
console.log(`seeds: ${sample.length} texts, ${packs.length} packs, ${templates.size} templates -> ${out}`);

// fuzz_judgement: a small valid model (the format of src/core/judgement.cc,
// written here so the fuzzer starts from bytes it accepts) and the shipped one.
{
  const header = JSON.stringify({
    bits: 4, lang_bits: 4, heads: ['crisis', 'human_request', 'frustration', 'negativity', 'hardship'], kinds: ['self_harm', 'medical_emergency', 'violence'],
    languages: ['en', 'es'], buckets: 64, lang_buckets: 8, scales: [0.5, 0.5, 0.5, 0.5, 0.5, 1, 1, 1], bias: [-2, -2, -2, -1, -2, 0, 0, 0],
    lang_scales: [0.1, 0.1], lang_bias: [0, 0], calibration: { '*': { crisis: [1, 0, 0.5], human_request: [1, 0, 0.5], frustration: [1, 0, 0.5], negativity: [1, 0, 0.5], hardship: [1, 0, 0.5] }, es: { crisis: [1.2, 0.1, 0.4] } },
  });
  const keys = [1, 5, 9, 30, 63];
  const parts = [Buffer.from('ATJM'), u32(2), u32(header.length), Buffer.from(header), u32(keys.length)];
  let prev = 0;
  for (const k of keys) { parts.push(Buffer.from([k - prev])); prev = k; }
  parts.push(Buffer.from(Array.from({ length: 20 }, (_, i) => (i * 23 + 7) & 0xff)));  // 5 keys x 8 outputs, nibbles
  parts.push(Buffer.from(Array.from({ length: 8 }, (_, i) => (i * 37) & 0xff)));  // 8 buckets x 2 languages, nibbles
  write('fuzz_judgement', Buffer.concat(parts));
  const shipped = join(root, 'models', 'judgement.bin');
  if (existsSync(shipped)) write('fuzz_judgement', readFileSync(shipped));
}

function u32(v) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v);
  return b;
}
