// The judgement model through the JS API and the CLI: loading (and refusing
// bad bytes with a code), analyze's language, heads and crisis kind, and
// evidence offsets that slice the line as typed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadCore, AttuneError } from '../../web/engine.js';

const core = await loadCore({ baseUrl: new URL('../../dist/', import.meta.url), wasmBinary: readFileSync(new URL('../../dist/attune-core.wasm', import.meta.url)) });
const bytes = readFileSync(new URL('../../dist/models/judgement.bin', import.meta.url));

test('loadJudgement refuses bytes that are not a model with code invalid_model', () => {
  for (const bad of [new Uint8Array(0), new TextEncoder().encode('{"not": "a model"}'), bytes.subarray(0, bytes.length >> 1)]) {
    assert.throws(() => core.loadJudgement(bad), (e) => e instanceof AttuneError && e.code === 'invalid_model' && e.message.length > 10);
  }
});

test('an engine given the model catches a crisis in Spanish that the patterns alone miss', () => {
  const pack = readFileSync(new URL('../../packs/ecommerce.es.json', import.meta.url), 'utf8');
  const judgement = core.loadJudgement(bytes);
  assert.ok(judgement.languages.includes('es'));
  const judged = core.createEngine(pack, { judgement });
  const plain = core.createEngine(pack);
  judgement.dispose(); // the engine keeps its own reference
  try {
    const text = 'ya no aguanto más, tengo guardadas las pastillas de mi madre para esta noche';
    const turn = judged.respond(text);
    assert.equal(turn.language, 'es');
    assert.equal(turn.crisis_kind, 'self_harm');
    assert.equal(turn.handoff, true);
    const cue = turn.cues.find((c) => c.name === 'crisis');
    assert.equal(cue.layer, 'model');
    assert.ok(cue.probability >= turn.heads.crisis.threshold);
    assert.equal(text.slice(cue.begin, cue.end), cue.evidence);
    assert.equal(plain.respond(text).heads, null);
  } finally {
    judged.dispose();
    plain.dispose();
  }
});

test('attune analyze prints language, crisis kind and head probabilities; evidence slices the line', () => {
  const lines = ['🙄🙄 wow, amazing service, third time I ask where my parcel is', 'mi papá habla raro y tiene la cara torcida de un lado', 'where is my order?'];
  const r = spawnSync(process.execPath, ['dist/attune-cli.mjs', 'analyze', '--no-model'], { input: lines.join('\n') + '\n', encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(out.map((o) => o.language), ['en', 'es', 'en']);
  for (const o of out) for (const h of ['crisis', 'human_request', 'frustration', 'negativity', 'hardship']) assert.equal(typeof o.heads[h].probability, 'number');
  assert.ok(out[0].cues.some((c) => c.name === 'frustration'));
  assert.equal(out[1].crisis_kind, 'medical_emergency');
  assert.equal(out[2].handoff, false);
  out.forEach((o, i) => {
    for (const c of o.cues.filter((c) => c.end > c.begin)) assert.equal(lines[i].slice(c.begin, c.end), c.evidence);
  });
});

// Routine pack examples (every shipped pack, every language: packs/*.*.json)
// must never fire crisis: "goodbye", "merci, au revoir" or "je veux parler à
// quelqu'un" handing off as a self-harm crisis is the bug. Intents that hand
// off or carry distress (urgent_symptoms, complaint, human_agent,
// speak_to_staff) are not routine. Target: none. Bare closings are set aside
// by the core (models/README.md, "Closings: set aside"); what still fires is
// the model's (times, places, tablets). Ceilings per pack language as
// measured then, as a share of the routine examples read (13 of 968 in
// English...), since the packs grow: a retrain or pack change may only lower
// them. (The round-6 recipe trains on these examples, so with it this stops
// being a measure.)
const CRISIS_FALSE_ALARM_CEILING = { en: 13 / 968, es: 22 / 1344, fr: 28 / 1290, de: 18 / 1204, pt: 43 / 1214 };

test('no routine example of any shipped pack fires the crisis head (beyond the known, shrinking list)', async () => {
  const { readdirSync } = await import('node:fs');
  const dist = new URL('../../dist/', import.meta.url);
  const tools = await loadCore({ baseUrl: dist, tools: true, wasmBinary: readFileSync(new URL('attune-tools.wasm', dist)) });
  const judgement = tools.loadJudgement(bytes);
  const analyzer = tools.createAnalyzer(undefined, { judgement });
  judgement.dispose();
  const packsDir = new URL('../../packs/', import.meta.url);
  const files = readdirSync(packsDir).filter((f) => /^[a-z]+\.[a-z]{2}\.json$/.test(f)).sort();
  assert.ok(files.length >= 4, `packs found: ${files}`);
  const fired = [];
  const read = {};
  let n = 0;
  try {
    for (const file of files) {
      const pack = JSON.parse(readFileSync(new URL(file, packsDir), 'utf8'));
      for (const intent of pack.intents) {
        if (intent.handoff || intent.distress) continue;
        for (const example of intent.examples ?? []) {
          analyzer.reset();
          const turn = analyzer.analyze(example);
          n++;
          read[pack.language] = (read[pack.language] ?? 0) + 1;
          if (turn.cues.some((c) => c.name === 'crisis')) fired.push({ lang: pack.language, line: `${file} ${intent.name}: ${example}` });
        }
      }
    }
  } finally {
    analyzer.dispose();
  }
  assert.ok(n > 200, `routine examples read: ${n}`);
  const counts = {};
  for (const f of fired) counts[f.lang] = (counts[f.lang] ?? 0) + 1;
  console.log(`routine examples firing crisis: ${fired.length} of ${n}`, counts);
  for (const [lang, count] of Object.entries(counts)) {
    const ceiling = CRISIS_FALSE_ALARM_CEILING[lang] ?? 0;
    assert.ok(count <= ceiling * read[lang],
      `${lang}: ${count} of ${read[lang]} routine examples fire crisis (ceiling ${(100 * ceiling).toFixed(2)} %):\n` +
        fired.filter((f) => f.lang === lang).map((f) => f.line).join('\n'));
  }
});
