// attune check's tone and clarity report, run as a user runs it
// (dist/attune-cli.mjs): readability per reply and per pack, acknowledgement,
// replies longer than a phone screen, jargon (the rules' and the pack's own),
// on tests/data/tone-problems.fr.json, whose deliberate problems it lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shippedPacks } from './shipped-packs.mjs';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';

const cli = path.resolve('dist/attune-cli.mjs');
const run = (args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30000 });
const fixture = 'tests/data/tone-problems.fr.json';
const dir = mkdtempSync(path.join(tmpdir(), 'attune-check-tone-'));
const write = (name, value) => { const p = path.join(dir, name); writeFileSync(p, JSON.stringify(value, null, 2)); return p; };

test('every deliberate problem of the fixture is found, at its place, and nothing else', () => {
  const r = run(['check', fixture]);
  assert.equal(r.status, 0, 'tone warnings alone do not fail the check');
  const warnings = r.stderr.split('\n').filter((l) => l.includes(': warning: ')).map((l) => l.replace(/^[^:]+:\d+:\d+: warning: /, ''));
  assert.deepEqual(warnings.sort(), [
    '/responses/complaint/neutral/0: answers a visitor in distress without acknowledging how they feel',
    '/responses/conditions/neutral/0: 22 lines on a phone (38 characters a line in a 360 px-wide widget): longer than the 12 lines a screen shows',
    '/responses/conditions/neutral/0: hard to read: Kandel & Moles -68.3 (very difficult), below 60',
    '/responses/delivery/neutral/0: "BL" is jargon a visitor may not know',
    '/responses/returns/frustrated/0: answers a visitor in distress without acknowledging how they feel',
    '/responses/returns/neutral/0: "RMA" is jargon a visitor may not know',
    '/responses/returns/neutral/0: "calmez-vous": dit au visiteur ce qu\'il doit ressentir ; cela sonne méprisant',
  ]);
  // Positions are the replies' own, and each warning says what to write instead.
  assert.match(r.stderr, /tone-problems\.fr\.json:24:30: warning: \/responses\/delivery\/neutral\/0: "BL" is jargon a visitor may not know\n {4}suggestion: bon de livraison\n/);
  assert.match(r.stderr, /"RMA" is jargon a visitor may not know\n {4}suggestion: numéro de retour\n/);
  assert.match(r.stderr, /without acknowledging how they feel\n {4}suggestion: open with e\.g\. "Je suis vraiment désolé que ce soit aussi pénible\."/);
  assert.equal(run(['check', fixture, '--strict']).status, 1);
});

test('check prints every reply\'s score and band, then the pack\'s median and its 3 hardest replies', () => {
  const r = run(['check', fixture]);
  const out = r.stdout.split('\n');
  assert.match(out[0], /readability \(Kandel & Moles, fr; higher is easier; warned below 60;/);
  const replies = out.filter((l) => /^ {2}\d+:\d+ /.test(l));
  assert.equal(replies.length, 11);
  assert.ok(replies.some((l) => /^ {2}23:32 +\/responses\/conditions\/neutral\/0 +-68\.3 {2}very difficult +82 words, 22 lines on a phone$/.test(l)), replies.join('\n'));
  assert.ok(replies.some((l) => /\/acknowledgements\/angry\/0 +\d+\.\d {2}easy \(short\) +7 words, 2 lines on a phone$/.test(l)), replies.join('\n'));
  assert.match(r.stdout, /readability summary: 11 replies, 8 rated; median 89\.3, 1 below 60; hardest: \/responses\/conditions\/neutral\/0 -68\.3 \(very difficult\), \/responses\/returns\/neutral\/0 66 \(plain\), /);
  assert.match(r.stdout, /ok \(0 errors, 7 warnings; tone rules tone-rules\/fr\.json\)\n$/);
  // --no-tone: no tone check, no readability.
  const plain = run(['check', fixture, '--no-tone']);
  assert.doesNotMatch(plain.stdout, /readability/);
});

test('--json carries the diagnostics and the readability report with its summary', () => {
  const r = run(['check', fixture, '--json']);
  assert.equal(r.status, 0);
  const j = JSON.parse(r.stdout);
  assert.equal(j.ok, true);
  assert.equal(j.errors, 0);
  assert.equal(j.warnings, 7);
  assert.equal(j.diagnostics.length, 7);
  assert.deepEqual(j.diagnostics.find((d) => d.message.startsWith('"BL"')),
    { severity: 'warning', pointer: '/responses/delivery/neutral/0', message: '"BL" is jargon a visitor may not know', line: 24, column: 30, suggestion: 'bon de livraison' });
  const { readability: rd } = j;
  assert.equal(rd.language, 'fr');
  assert.equal(rd.formula, 'Kandel & Moles');
  assert.equal(rd.min, 60);
  assert.equal(rd.replies.length, 11);
  const conditions = rd.replies.find((x) => x.pointer === '/responses/conditions/neutral/0');
  assert.deepEqual({ ...conditions, syllables: undefined, letters: undefined, chars: undefined }, {
    pointer: '/responses/conditions/neutral/0', line: 23, column: 32, tone: 'neutral', language: 'fr', formula: 'Kandel & Moles',
    score: -68.3, band: 'very difficult', words: 82, sentences: 1, syllables: undefined, letters: undefined, chars: undefined, lines: 22, rated: true,
  });
  assert.deepEqual(rd.summary.worst.map((w) => w.pointer), ['/responses/conditions/neutral/0', '/responses/returns/neutral/0', '/responses/returns/frustrated/0']);
  assert.deepEqual({ ...rd.summary, worst: undefined }, { replies: 11, rated: 8, median: 89.3, below_min: 1, worst: undefined });
});

test('each language picks its own rules and formula: German with Amstad, jargon and a dismissive phrase', () => {
  const pack = {
    version: 1, language: 'de',
    responses: {
      greeting: 'Hallo! Wie kann ich Ihnen helfen?', fallback: 'Entschuldigung, das habe ich nicht verstanden.',
      offer_human: 'Soll ich Sie mit einer Kollegin verbinden?', handoff: 'Ich verbinde Sie jetzt mit unserem Team.',
      crisis: 'Danke, dass Sie mir das sagen. Es tut mir leid. Bitte rufen Sie jetzt die 112 an.',
      billing: { neutral: ['Beruhigen Sie sich bitte. Die Kostenübernahme kommt von Ihrer Krankenkasse.'],
        angry: ['Ich verstehe Ihren Ärger. Wir prüfen die Rechnung noch heute.'] },
    },
    intents: [{ name: 'billing', examples: ['Rechnung falsch'] }],
  };
  const r = run(['check', write('de.json', pack), '--json']);
  const j = JSON.parse(r.stdout);
  assert.equal(j.readability.formula, 'Amstad');
  const msgs = j.diagnostics.map((d) => `${d.pointer}: ${d.message} => ${d.suggestion}`);
  assert.ok(msgs.includes('/responses/billing/neutral/0: "beruhigen sie sich": sagt dem Besucher, wie er sich fühlen soll; wirkt herablassend => Ich verstehe, dass Sie das ärgert.'), msgs.join('\n'));
  assert.ok(msgs.includes('/responses/billing/neutral/0: "Kostenübernahme" is jargon a visitor may not know => Zusage Ihrer Krankenkasse, die Kosten zu tragen'), msgs.join('\n'));
  // Compounds weigh on Amstad's syllables per word: the jargon costs readability too.
  assert.ok(msgs.includes('/responses/billing/neutral/0: hard to read: Amstad 40.5 (difficult), below 60 => shorter sentences and everyday words'), msgs.join('\n'));
  assert.equal(j.diagnostics.length, 3, msgs.join('\n'));  // the angry variant acknowledges
  // The same replies in a language without tone rules: a note, no readability summary.
  const nl = run(['check', write('nl.json', { ...pack, language: 'nl' })]);
  assert.match(nl.stderr, /note: no tone rules for language "nl"; tone check skipped/);
});

test('the shipped packs pass with no errors; their readability figures', (t) => {
  for (const p of shippedPacks()) {
    const r = run(['check', `packs/${p}`, '--json']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.errors, 0);
    const s = j.readability.summary;
    assert.ok(s.rated > 20, p);
    assert.ok(s.median >= j.readability.min, `${p}: median ${s.median} below ${j.readability.min}`);
    t.diagnostic(`${p}: ${j.readability.formula} median ${s.median} over ${s.rated} rated replies (${s.replies} in all); ` +
      `${s.below_min} below ${j.readability.min}; hardest ${s.worst.map((w) => `${w.pointer} ${w.score}`).join(', ')}; ` +
      `${j.warnings} tone warning${j.warnings === 1 ? '' : 's'}`);
  }
});

test('a pack\'s "jargon" is in the schema editors use, as the core reads it', () => {
  const schema = JSON.parse(readFileSync('packs/pack.schema.json', 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  const pack = JSON.parse(readFileSync(fixture, 'utf8'));
  assert.ok(validate(pack), JSON.stringify(validate.errors));
  pack.jargon.BL = 3;
  assert.equal(validate(pack), false);
  const r = run(['check', write('bad-jargon.json', pack), '--json']);
  assert.equal(r.status, 1);
  assert.deepEqual(JSON.parse(r.stdout).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.pointer}: ${d.message}`),
    ['/jargon/BL: expected the plain alternative (a string), got number']);
});
