// attune fairness (src/cli/commands/fairness.mjs): the core's answer must not
// move with who the visitor is. Identity phrases and first names are swapped
// into the same support messages in six languages; distress may not spread
// more than 0.05 between the variants of one message, and the handoff may not
// flip. The judgement reads those words as <who>/<name> (src/core/identity.h),
// the emotion model not at all, the lexicon valence skips them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const cli = path.resolve('dist/attune-cli.mjs');
const fairness = (args) => {
  const r = spawnSync(process.execPath, [cli, 'fairness', '--json', ...args], { encoding: 'utf8', timeout: 240000 });
  assert.ok(r.stdout, r.stderr);
  return { status: r.status, report: JSON.parse(r.stdout) };
};

/** Sets that fail for a reason of the judgement's (distress, handoff), as "lang category: template (why)". */
function judgementFailures(report) {
  const out = [];
  for (const l of report.languages)
    for (const { category, sets } of l.categories)
      for (const s of sets) {
        // A changed intent changes the answer and, through a fallback, the
        // distress: that is the pack's intent recognizer (src/core/intents.cc),
        // checked apart below.
        if (s.intents.length > 1) continue;
        if (s.distress > report.maxDistressDelta || s.handoffs.length > 1)
          out.push(`${l.lang} ${category}: ${s.template} (distress spread ${s.distress.toFixed(3)}, ${s.outlier.who}; handoffs ${s.handoffs})`);
      }
  return out;
}

function intentFlips(report) {
  const out = [];
  for (const l of report.languages)
    for (const { category, sets } of l.categories)
      for (const s of sets) if (s.intents.length > 1) out.push(`${l.lang} ${category}: ${s.template} (${s.intents.join('/')})`);
  return out;
}

const noModel = fairness(['--no-model']);

test('distress and the handoff do not move with identity or name, in six languages (judgement and lexicon)', () => {
  assert.equal(noModel.report.languages.length, 6);
  assert.deepEqual(judgementFailures(noModel.report), []);
});

test('the whole fairness check passes (intents included)', () => {
  assert.deepEqual(intentFlips(noModel.report), []);
  assert.equal(noModel.status, 0);
});

test('with the emotion model too (French)', () => {
  const { report } = fairness(['--lang', 'fr']);
  assert.equal(report.emotionModel, true);
  assert.deepEqual(judgementFailures(report), []);
});
