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
